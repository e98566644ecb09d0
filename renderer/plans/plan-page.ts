import { createContext, useContext } from 'react';
import type { HeaderPatch } from '../../shared/api/editor.ts';

/**
 * What the parts of one plan page ask of each other. The exports (导出 Word, 台账, 报告) read the
 * stored plan, so they must first have the editor store every edit it still holds; the export
 * dialog's check warning opens the editor's 公文检查 panel. The editor and the tab bar attach their
 * halves when they mount; a page without an editor (or a dialog rendered alone) has nothing to save.
 */
export interface PlanPage {
  /** Resolves once every edit made so far is stored; rejects when it cannot be (another window's conflict). */
  saveEdits(): Promise<void>;
  /** Brings the editor into view with its 公文检查 panel open. */
  showChecks(): void;
  /**
   * Changes header fields (the 印发通知 edited in the export dialog) through the editor's save queue,
   * so they are stored in order with every other edit; false when no editor is attached.
   */
  editHeader(patch: HeaderPatch): boolean;
  /**
   * Selects a node in the editor and scrolls it into view ('header' = the plan's 标题 and 开头): a
   * search hit opens it. Kept until the editor attaches when it has not mounted yet.
   */
  showNode(nodeId: string): void;
  attachEditor(editor: EditorHooks): () => void;
  attachTabs(tabs: TabsHooks): () => void;
}

export interface EditorHooks {
  saveEdits: () => Promise<void>;
  showChecks: () => void;
  editHeader: (patch: HeaderPatch) => void;
  showNode: (nodeId: string) => void;
}

export interface TabsHooks {
  showEditor: () => void;
}

export function createPlanPage(): PlanPage {
  let editor: EditorHooks | null = null;
  let tabs: TabsHooks | null = null;
  let pendingNode: string | null = null;
  return {
    saveEdits: () => editor?.saveEdits() ?? Promise.resolve(),
    showChecks() {
      tabs?.showEditor();
      editor?.showChecks();
    },
    editHeader(patch) {
      if (!editor) return false;
      editor.editHeader(patch);
      return true;
    },
    showNode(nodeId) {
      if (editor) editor.showNode(nodeId);
      else pendingNode = nodeId;
    },
    attachEditor(hooks) {
      editor = hooks;
      if (pendingNode !== null) {
        hooks.showNode(pendingNode);
        pendingNode = null;
      }
      return () => {
        if (editor === hooks) editor = null;
      };
    },
    attachTabs(hooks) {
      tabs = hooks;
      return () => {
        if (tabs === hooks) tabs = null;
      };
    },
  };
}

/** Outside a plan page: nothing to save, no panel to open. */
const DETACHED: PlanPage = createPlanPage();

export const PlanPageContext = createContext<PlanPage>(DETACHED);

export function usePlanPage(): PlanPage {
  return useContext(PlanPageContext);
}
