import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Dropdown, Modal, Space, Tooltip, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  BookOutlined,
  CheckSquareOutlined,
  HistoryOutlined,
  PlusOutlined,
  RedoOutlined,
  SaveOutlined,
  SearchOutlined,
  UndoOutlined,
  UnorderedListOutlined,
  MoreOutlined,
} from '@ant-design/icons';
import type { PlanDetail, StoredNode } from '../../shared/api/plans.ts';
import type { CheckFinding, ProblemItem } from '../../shared/api/editor.ts';
import type { NodeKind } from '../../shared/domain/document.ts';
import { api, errorMessage } from '../api/client.ts';
import { navigate, setLeaveGuard } from '../router.ts';
import { useEditor } from './active-field.ts';
import { createPlanStore, saveAllEdits, type PlanStore, type SaveState } from './plan-store.ts';
import { browserStorage, openJournal } from './edit-journal.ts';
import { planRecovery, type Recovery } from './journal-recovery.ts';
import { LEAVE_WARNING, saveNotice } from './save-notice.ts';
import { SaveNotice } from './SaveNotice.tsx';
import { DOCUMENT_FIELD_LABELS } from './text-edits.ts';
import { RecoveryDialog } from './RecoveryDialog.tsx';
import { usePlanPage } from '../plans/plan-page.ts';
import { HEADER_ID, OutlineTree, type TreeCommand } from './OutlineTree.tsx';
import { NodeEditor } from './NodeEditor.tsx';
import { HeaderEditor } from './HeaderEditor.tsx';
import { insertNode, locate, moveNode, outdentTarget, indentTarget, removeNode, replaceNode, shiftTarget, findNode } from './outline-ops.ts';
import { SidePanel, type SideTab } from './SidePanel.tsx';
import { ReuseMeasureDialog } from './ReuseMeasureDialog.tsx';
import { DirectoryDialog } from './DirectoryDialog.tsx';
import { SaveTemplateDialog } from '../templates/SaveTemplateDialog.tsx';
import './editor.css';

// Never 已保存 while anything typed is not stored: a failure says 未保存 and the notice says why.
const SAVE_TEXT: Record<SaveState, string> = {
  saved: '已保存',
  pending: '有修改待保存…',
  saving: '正在保存…',
  offline: '未保存',
  error: '未保存',
};

/** Which stores an editor on screen still uses: React's StrictMode unmounts and remounts a live one at once. */
const holders = new WeakMap<PlanStore, number>();

/** Where a field of a finding lives in the editor (the label of its input). */
const FIELD_LABELS: Record<CheckFinding['field'], string> = {
  ...DOCUMENT_FIELD_LABELS,
  problem: '正文',
  heading: '标题',
  body: '正文',
  measure: '责任部门',
  // 发文字号 and a report's 主送 are set in 导出 Word → 发文设置; the finding's message says so.
  issuance: '发文设置',
};

/** Loads the plan, then hands it to the editor proper. */
export function PlanEditor({ plan, actions }: { plan: PlanDetail; actions?: ReactNode }) {
  const { message } = AntApp.useApp();
  const { store, journal } = useMemo(() => {
    const journal = openJournal(browserStorage(), plan.id);
    return { journal, store: createPlanStore(api, plan, { onError: (m) => message.error(m), journal }) };
  }, [plan, message]);
  useEffect(() => {
    holders.set(store, (holders.get(store) ?? 0) + 1);
    return () => {
      holders.set(store, (holders.get(store) ?? 1) - 1);
      // Leaving the page: what is waiting is still sent once and the journal keeps what does not get
      // through. Closed only when no remount took the store back (StrictMode runs this on a live editor).
      setTimeout(() => {
        if ((holders.get(store) ?? 0) === 0) store.close();
      }, 0);
    };
  }, [store]);

  // Edits an earlier window of this plan left unsaved (closed, reloaded, crashed, cut off): offer them back.
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  useEffect(() => {
    let live = true;
    void journal.orphans().then((records) => {
      if (!live) return;
      const offer = planRecovery(records, plan);
      if (!offer) return;
      // All of it stored after all (the answer was lost on the way): nothing to ask.
      if (offer.items.length === 0) journal.forget(offer.sessions);
      else setRecovery(offer);
    });
    return () => {
      live = false;
    };
  }, [journal, plan]);

  return (
    <>
      <Editor store={store} actions={actions} />
      {recovery && (
        <RecoveryDialog
          recovery={recovery}
          onRestore={() => {
            // Into this window's journal first, then the old records go: never in neither.
            store.recover(recovery.edits);
            journal.forget(recovery.sessions);
            setRecovery(null);
            message.success('已恢复未保存的修改，正在保存');
          }}
          onDiscard={() => {
            journal.forget(recovery.sessions);
            setRecovery(null);
          }}
        />
      )}
    </>
  );
}

function Editor({ store, actions }: { store: PlanStore; actions?: ReactNode }) {
  const { message, modal } = AntApp.useApp();
  const planId = useEditor(store, (s) => s.plan.id);
  const planKind = useEditor(store, (s) => s.plan.kind);
  const title = useEditor(store, (s) => s.plan.document.title);
  const generation = useEditor(store, (s) => s.generation);
  // Only primitives are read here: a keystroke's save state or a tree refresh must not re-render the page.
  const [chosenId, setSelectedId] = useState<string>(() => store.get().outline[0]?.id ?? HEADER_ID);
  const chosenExists = useEditor(store, (s) => chosenId === HEADER_ID || findNode(s.outline, chosenId) !== null);
  const firstId = useEditor(store, (s) => s.outline[0]?.id ?? HEADER_ID);
  // The selection must point at something that exists (undo or restore may remove it).
  const selectedId = chosenExists ? chosenId : firstId;
  const selectedKind = useEditor(store, (s) => (selectedId === HEADER_ID ? null : (findNode(s.outline, selectedId)?.kind ?? null)));
  const [focusNew, setFocusNew] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [side, setSide] = useState<SideTab | null>(null);
  const [problems, setProblems] = useState<ProblemItem[]>([]);
  const [hints, setHints] = useState<{ hints: Record<string, { hint: string; examples: string[] }>; preambleHint: string | null }>({
    hints: {},
    preambleHint: null,
  });
  const [reuseOpen, setReuseOpen] = useState(false);
  const [directoryOpen, setDirectoryOpen] = useState(false);
  const [templateOpen, setTemplateOpen] = useState(false);
  const [revisionTick, setRevisionTick] = useState(0);
  const [checkTick, setCheckTick] = useState(0);
  const history = useEditor(store, (s) => (s.canUndo ? 1 : 0) + (s.canRedo ? 2 : 0));
  const conflict = useEditor(store, (s) => s.conflict);

  const loadProblems = useCallback(async () => {
    try {
      setProblems(await api.send('problems.list', { planId }));
    } catch {
      setProblems([]);
    }
  }, [planId]);

  useEffect(() => {
    void Promise.resolve().then(loadProblems);
  }, [loadProblems, generation]);

  useEffect(() => {
    api
      .send('templates.hints', { planId })
      .then(setHints)
      .catch(() => undefined);
  }, [planId]);


  const fail = useCallback((err: unknown) => message.error(errorMessage(err)), [message]);

  // The plan page's exports read the stored plan: they ask the editor to store what it holds first
  // (explicitly, not through blur), and the export dialog's check warning opens 公文检查 here.
  const page = usePlanPage();
  useEffect(
    () =>
      page.attachEditor({
        saveEdits: () => saveAllEdits(store),
        showChecks: () => {
          setSide('checks');
          setCheckTick((t) => t + 1);
        },
        editHeader: (patch) => store.editHeader(patch),
        showNode: (nodeId) => {
          // A search hit: open the ancestors, select the node, bring its row into view.
          const id = nodeId === 'header' || !findNode(store.get().outline, nodeId) ? HEADER_ID : nodeId;
          const at = id === HEADER_ID ? null : locate(store.get().outline, id);
          if (at) setCollapsed((c) => new Set([...c].filter((x) => !at.ancestors.some((a) => a.id === x))));
          setFocusNew(null);
          setSelectedId(id);
          setTimeout(() => {
            document.querySelector(`.editor-tree [data-node-id="${window.CSS.escape(id)}"]`)?.scrollIntoView({ block: 'center' });
          }, 60);
        },
      }),
    [page, store],
  );

  // ---- saving ------------------------------------------------------------------------------
  const save = useCallback(async () => {
    try {
      if (!(await store.trySave())) {
        const issue = store.get().issue;
        if (issue) message.error(`${saveNotice(issue.code).title}。${issue.message}`);
        return;
      }
      await api.send('revisions.create', { planId, reason: '保存' });
      message.success('已保存');
      setRevisionTick((t) => t + 1);
    } catch (err) {
      fail(err);
    }
  }, [store, planId, message, fail]);

  const undo = useCallback(async () => {
    try {
      const label = await store.undo();
      if (label) message.info(`已撤销：${label}`);
    } catch (err) {
      fail(err);
    }
  }, [store, message, fail]);

  const redo = useCallback(async () => {
    try {
      const label = await store.redo();
      if (label) message.info(`已重做：${label}`);
    } catch (err) {
      fail(err);
    }
  }, [store, message, fail]);

  // Never lose a keystroke: send what is waiting when the window is hidden, left or loses focus.
  useEffect(() => {
    const flush = (): void => void store.flush();
    const back = (): void => {
      // A save stopped by a passing failure is tried again at once; then pick up what another window
      // saved meanwhile (only when nothing is unsaved here).
      store.resume();
      void store.refreshIfStale();
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
      else back();
    };
    // Closing or reloading with edits that cannot be stored now: the browser asks first (in Electron the
    // main process shows the question, see will-prevent-unload in electron/main/window.ts).
    const onBeforeUnload = (e: BeforeUnloadEvent): void => {
      flush();
      if (!store.atRisk()) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onOnline = (): void => store.resume();
    window.addEventListener('focus', back);
    window.addEventListener('online', onOnline);
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    window.addEventListener('blur', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('blur', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('focus', back);
      window.removeEventListener('online', onOnline);
    };
  }, [store]);

  // Another page of the app (返回方案列表, back button, an imported plan): store first, or ask.
  useEffect(
    () =>
      setLeaveGuard(async () => {
        if (!store.unsaved() || (await store.trySave())) return true;
        return new Promise<boolean>((resolve) => {
          modal.confirm({
            title: '有修改尚未保存',
            content: LEAVE_WARNING,
            okText: '仍要离开',
            okButtonProps: { danger: true },
            cancelText: '返回保存',
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          });
        });
      }),
    [store, modal],
  );

  // Ctrl+S, Ctrl+Z, Ctrl+Y, Ctrl+Shift+Z act on the plan (not on one input), except inside dialogs.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      // Typing in a dialog's own field (template name, search …) keeps the browser's behaviour.
      const target = e.target as HTMLElement | null;
      if (target?.closest('.ant-modal, .ant-drawer, .ant-popover') && target.matches('input, textarea, [contenteditable="true"]')) return;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        void save();
      } else if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [save, undo, redo]);

  // ---- structure -----------------------------------------------------------------------------
  const select = useCallback((id: string) => {
    setFocusNew(null);
    setSelectedId(id);
  }, []);

  const applyNode = useCallback(
    (node: StoredNode | null) => {
      if (!node) return;
      // The service's copy replaces ours only when it differs (e.g. a level fixed on indent):
      // an identical subtree keeps its identity and its rows do not re-render.
      const local = findNode(store.get().outline, node.id);
      if (local && JSON.stringify(local) === JSON.stringify(node)) return;
      store.setOutline((o) => replaceNode(o, node.id, () => node));
    },
    [store],
  );

  const move = useCallback(
    (id: string, parentId: string | null, index: number, how: 'outline.moveNode' | 'outline.indent' | 'outline.outdent' = 'outline.moveNode') => {
      store.setOutline((o) => moveNode(o, id, parentId, index));
      if (parentId) setCollapsed((c) => (c.has(parentId) ? new Set([...c].filter((x) => x !== parentId)) : c));
      const done = (r: { node: StoredNode | null }): void => applyNode(r.node);
      const p =
        how === 'outline.moveNode'
          ? store.write('outline.moveNode', { nodeId: id, parentId, index }, done)
          : store.write(how, { nodeId: id }, done);
      p.catch(() => undefined);
    },
    [store, applyNode],
  );

  const add = useCallback(
    async (kind: NodeKind, where: { parentId: string | null; afterId?: string | null }, init: { heading?: string; body?: string[]; measure?: Record<string, unknown> } = {}) => {
      try {
        await store.flush();
        await store.write(
          'outline.addNode',
          { parentId: where.parentId, afterId: where.afterId, kind, heading: init.heading ?? '', body: init.body ?? [], style: {}, measure: init.measure },
          (r) => {
            if (!r.node) return;
            const created = r.node;
            // Select it in the same render that shows it, so typing goes straight into its heading.
            const parent = where.parentId;
            if (parent) setCollapsed((c) => (c.has(parent) ? new Set([...c].filter((x) => x !== parent)) : c));
            setSelectedId(created.id);
            setFocusNew(created.id);
            store.setOutline((o) => {
              const siblings = where.parentId === null ? o : (findNode(o, where.parentId)?.children ?? []);
              const index =
                where.afterId === undefined ? siblings.length : where.afterId === null ? 0 : siblings.findIndex((n) => n.id === where.afterId) + 1;
              return insertNode(o, where.parentId, index, created);
            });
          },
        );
      } catch (err) {
        fail(err);
      }
    },
    [store, fail],
  );

  /** Where 添加措施 puts the new measure: into the selected section, after the selected measure. */
  const addMeasure = useCallback(() => {
    const o = store.get().outline;
    if (selectedId === HEADER_ID) {
      const lastSection = [...o].reverse().find((n) => n.kind === 'section');
      void add('measure', lastSection ? { parentId: lastSection.id } : { parentId: null });
      return;
    }
    const at = locate(o, selectedId);
    if (!at) return;
    if (at.node.kind === 'section') void add('measure', { parentId: at.node.id });
    else void add('measure', { parentId: at.parentId, afterId: at.node.id });
  }, [store, selectedId, add]);

  const addSection = useCallback(() => {
    const o = store.get().outline;
    const at = selectedId === HEADER_ID ? null : locate(o, selectedId);
    if (!at) {
      void add('section', { parentId: null });
      return;
    }
    if (at.node.kind === 'section') void add('section', { parentId: at.parentId, afterId: at.node.id });
    else void add('section', { parentId: at.ancestors.length > 1 ? at.ancestors[at.ancestors.length - 2]!.id : null, afterId: at.ancestors.at(-1)?.id ?? at.node.id });
  }, [store, selectedId, add]);

  const addParagraph = useCallback(() => {
    const o = store.get().outline;
    const at = selectedId === HEADER_ID ? null : locate(o, selectedId);
    if (!at) void add('paragraph', { parentId: null });
    else if (at.node.kind === 'section') void add('paragraph', { parentId: at.node.id });
    else void add('paragraph', { parentId: at.parentId, afterId: at.node.id });
  }, [store, selectedId, add]);

  const remove = useCallback(
    (id: string) => {
      const o = store.get().outline;
      const at = locate(o, id);
      if (!at) return;
      // Select a neighbour so the keyboard user stays in place.
      const next = at.siblings[at.index + 1] ?? at.siblings[at.index - 1];
      setSelectedId(next?.id ?? at.parentId ?? HEADER_ID);
      store.setOutline((x) => removeNode(x, id).outline);
      const name = at.node.heading.trim() || '（未填写）';
      store
        .write('outline.deleteNode', { nodeId: id }, () => undefined)
        .then((r) => {
          const key = `deleted-${id}`;
          message.open({
            key,
            type: 'success',
            duration: 8,
            content: (
              <span>
                已删除“{name.slice(0, 20)}”{r.deletedCount > 1 ? `及其下级共 ${r.deletedCount} 项` : ''}。
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    message.destroy(key);
                    void undo();
                  }}
                >
                  撤销删除
                </Button>
              </span>
            ),
          });
        })
        .catch(() => undefined);
    },
    [store, message, undo],
  );

  const onCommand = useCallback(
    (command: TreeCommand, id: string) => {
      const o = store.get().outline;
      switch (command) {
        case 'moveUp':
        case 'moveDown': {
          const t = shiftTarget(o, id, command === 'moveUp' ? -1 : 1);
          if (t) move(id, t.parentId, t.index);
          return;
        }
        case 'indent': {
          const t = indentTarget(o, id);
          if (t) move(id, t.parentId, t.index, 'outline.indent');
          return;
        }
        case 'outdent': {
          const t = outdentTarget(o, id);
          if (t) move(id, t.parentId, t.index, 'outline.outdent');
          return;
        }
        case 'newSibling': {
          const at = locate(o, id);
          if (at) void add(at.node.kind, { parentId: at.parentId, afterId: id });
          return;
        }
        case 'delete':
          remove(id);
          return;
      }
    },
    [store, move, add, remove],
  );

  const toggle = useCallback((id: string, open?: boolean) => {
    setCollapsed((c) => {
      const next = new Set(c);
      const isOpen = !next.has(id);
      if ((open ?? !isOpen) === true) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  // ---- problems ----------------------------------------------------------------------------------
  const link = useCallback(
    async (problemId: string, nodeId: string, on: boolean) => {
      try {
        await store.flush();
        await store.write(on ? 'problems.link' : 'problems.unlink', { problemId, nodeId });
        await loadProblems();
      } catch (err) {
        fail(err);
      }
    },
    [store, loadProblems, fail],
  );

  // ---- jumping to a finding ------------------------------------------------------------------
  const jump = useCallback(
    (finding: CheckFinding) => {
      const id = finding.nodeId ?? HEADER_ID;
      if (finding.nodeId) {
        const at = locate(store.get().outline, finding.nodeId);
        if (at) setCollapsed((c) => new Set([...c].filter((x) => !at.ancestors.some((a) => a.id === x))));
      }
      setSelectedId(id);
      setFocusNew(null);
      let label = FIELD_LABELS[finding.field];
      if (finding.rule === 'measure_no_deadline') label = '完成时限';
      const node = finding.nodeId ? findNode(store.get().outline, finding.nodeId) : null;
      if (finding.field === 'heading' && node?.kind === 'measure') label = '措施标题';
      // Wait for the field editor to mount, then put the cursor in the field.
      setTimeout(() => {
        const pane = document.querySelector('.editor-node');
        const lbl = Array.from(pane?.querySelectorAll<HTMLLabelElement>('label.field-label') ?? []).find((l) => l.textContent === label);
        const input = lbl ? document.getElementById(lbl.htmlFor) : null;
        input?.scrollIntoView({ block: 'center' });
        input?.focus();
      }, 60);
    },
    [store],
  );


  return (
    <div className="editor">
      <div className="editor-toolbar" role="toolbar" aria-label="编辑工具栏">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate({ name: 'list' })}>
          返回方案列表
        </Button>
        <Typography.Title level={3} className="editor-title" ellipsis={{ tooltip: title }}>
          {title}
        </Typography.Title>
        <SaveStatus store={store} />
        <div className="toolbar-spacer" />
        <Space wrap size={6}>
          <Tooltip title="Ctrl+S：保存并留存一个历史版本">
            <Button type="primary" icon={<SaveOutlined aria-hidden />} onClick={() => void save()}>
              保存
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Z">
            <Button icon={<UndoOutlined aria-hidden />} disabled={(history & 1) === 0} onClick={() => void undo()}>
              撤销
            </Button>
          </Tooltip>
          <Tooltip title="Ctrl+Y / Ctrl+Shift+Z">
            <Button icon={<RedoOutlined aria-hidden />} disabled={(history & 2) === 0} onClick={() => void redo()}>
              重做
            </Button>
          </Tooltip>
          <Button icon={<PlusOutlined aria-hidden />} onClick={addMeasure}>
            添加措施
          </Button>
          <Button onClick={addSection}>添加章节</Button>
          <Button icon={<SearchOutlined aria-hidden />} onClick={() => setReuseOpen(true)}>
            复用措施
          </Button>
          <Button icon={<BookOutlined aria-hidden />} onClick={() => setSide(side === 'phrases' ? null : 'phrases')} aria-pressed={side === 'phrases'}>
            常用语
          </Button>
          <Button icon={<UnorderedListOutlined aria-hidden />} onClick={() => setSide(side === 'problems' ? null : 'problems')} aria-pressed={side === 'problems'}>
            问题清单
          </Button>
          <Button
            icon={<CheckSquareOutlined aria-hidden />}
            onClick={() => {
              setSide(side === 'checks' ? null : 'checks');
              setCheckTick((t) => t + 1);
            }}
            aria-pressed={side === 'checks'}
          >
            公文检查
          </Button>
          <Button icon={<HistoryOutlined aria-hidden />} onClick={() => setSide(side === 'history' ? null : 'history')} aria-pressed={side === 'history'}>
            历史版本
          </Button>
          {actions}
          <Dropdown
            menu={{
              items: [
                { key: 'paragraph', label: '添加段落' },
                { key: 'template', label: '另存为模板' },
                { key: 'directory', label: '人员与部门名录' },
              ],
              onClick: ({ key }) => {
                if (key === 'paragraph') addParagraph();
                if (key === 'template') void store.flush().then(() => setTemplateOpen(true));
                if (key === 'directory') setDirectoryOpen(true);
              },
            }}
          >
            <Button icon={<MoreOutlined aria-hidden />}>更多</Button>
          </Dropdown>
        </Space>
      </div>
      <SaveNotice store={store} />
      <div className="editor-body">
        <nav className="editor-tree" aria-label="大纲">
          <OutlineTree
            store={store}
            selectedId={selectedId}
            collapsed={collapsed}
            onSelect={select}
            onToggle={toggle}
            onCommand={onCommand}
            onMove={move}
          />
          <div className="tree-help">Alt+↑/↓ 移动 · Tab/Shift+Tab 降级/升级 · Enter 新增同级 · Delete 删除 · 拖到节标题右侧上半部：放入其下作第一项</div>
        </nav>
        <main className="editor-node">
          {selectedId === HEADER_ID ? (
            <HeaderEditor key={`header:${generation}`} store={store} preambleHint={hints.preambleHint} />
          ) : selectedKind ? (
            <NodeEditor
              key={`${selectedId}:${generation}`}
              store={store}
              nodeId={selectedId}
              hint={hints.hints[selectedId]}
              autoFocus={focusNew === selectedId}
              problems={problems}
              onLink={link}
              onDelete={remove}
            />
          ) : null}
        </main>
        {side && (
          <SidePanel
            tab={side}
            onTab={setSide}
            onClose={() => setSide(null)}
            store={store}
            planId={planId}
            planKind={planKind}
            selectedId={selectedId === HEADER_ID ? null : selectedId}
            selectedKind={selectedKind}
            problems={problems}
            reloadProblems={loadProblems}
            onJump={jump}
            onSelect={select}
            revisionTick={revisionTick}
            checkTick={checkTick}
          />
        )}
      </div>
      <ReuseMeasureDialog
        open={reuseOpen}
        planId={planId}
        onClose={() => setReuseOpen(false)}
        onReuse={async (hit) => {
          setReuseOpen(false);
          const o = store.get().outline;
          const at = selectedId === HEADER_ID ? null : locate(o, selectedId);
          const where =
            !at ? { parentId: ([...o].reverse().find((n) => n.kind === 'section')?.id ?? null) as string | null } :
            at.node.kind === 'section' ? { parentId: at.node.id } : { parentId: at.parentId, afterId: at.node.id };
          const { status: _status, statusText: _statusText, ...fields } = hit.measure;
          await add('measure', where, { heading: hit.heading, body: hit.body, measure: fields });
          message.success('已复用措施');
        }}
      />
      <DirectoryDialog open={directoryOpen} onClose={() => setDirectoryOpen(false)} />
      <SaveTemplateDialog open={templateOpen} planId={planId} defaultName={title} onClose={() => setTemplateOpen(false)} />
      <Modal
        open={conflict}
        title="方案已在其他窗口中被修改"
        closable={false}
        maskClosable={false}
        keyboard={false}
        footer={
          <Space>
            <Button onClick={() => void store.resolveConflict('theirs').catch(fail)}>载入对方的修改</Button>
            <Button type="primary" onClick={() => void store.resolveConflict('mine').catch(fail)}>
              用我的修改覆盖
            </Button>
          </Space>
        }
      >
        <p>在您编辑的同时，另一个窗口（或标签页）保存了这个方案。为避免互相覆盖，本窗口的修改暂未写入。</p>
        <p>“载入对方的修改”：放弃本窗口尚未保存的修改，显示最新内容。</p>
        <p>“用我的修改覆盖”：在最新内容上写入本窗口的修改。</p>
      </Modal>
    </div>
  );
}

/** 已保存 / 正在保存… / 未保存: its own subscriber, so saving never re-renders the editor. */
function SaveStatus({ store }: { store: PlanStore }) {
  const saveState = useEditor(store, (s) => s.saveState);
  return (
    <span className={`save-state save-${saveState}`} role="status" aria-live="polite">
      {SAVE_TEXT[saveState]}
    </span>
  );
}
