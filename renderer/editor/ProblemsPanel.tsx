import { useMemo, useState } from 'react';
import { App as AntApp, Button, Empty, Input, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ScissorOutlined } from '@ant-design/icons';
import type { ProblemItem } from '../../shared/api/editor.ts';
import { computeMarkers } from '../../shared/numbering.ts';
import { errorMessage } from '../api/client.ts';
import { activeSelection, useEditor } from './active-field.ts';
import { findNode } from './outline-ops.ts';
import type { PlanStore } from './plan-store.ts';

/** 问题清单: each problem and the measures addressing it; new problems from typed or selected text. */
export function ProblemsPanel(props: {
  store: PlanStore;
  problems: ProblemItem[];
  reload: () => Promise<void>;
  /** The selected measure (new problems are linked to it) */
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { store, problems, reload, selectedId } = props;
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [category, setCategory] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const outline = useEditor(store, (s) => s.outline);
  const continuous = useEditor(store, (s) => s.plan.document.level3Numbering === 'continuous');
  const markerOf = useMemo(() => {
    const markers = computeMarkers(outline as never[], { level3Numbering: continuous ? 'continuous' : 'restart' });
    const byId = new Map<string, string>();
    for (const [node, marker] of markers) byId.set((node as { id: string }).id, marker);
    return byId;
  }, [outline, continuous]);

  const create = async (problemText: string): Promise<void> => {
    const clean = problemText.trim();
    if (!clean) {
      message.warning('请输入问题内容，或先在编辑区选中文字');
      return;
    }
    try {
      await store.flush();
      await store.write('problems.create', { text: clean, category: category.trim() || null, nodeIds: selectedId ? [selectedId] : [] });
      setText('');
      message.success(selectedId ? '已新建问题并关联到当前措施' : '已新建问题');
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await store.flush();
      await work();
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div className="side-content" role="region" aria-label="问题清单">
      <Button icon={<ScissorOutlined aria-hidden />} block onMouseDown={(e) => e.preventDefault()} onClick={() => void create(activeSelection())}>
        由选中文字新建问题
      </Button>
      <Input.TextArea aria-label="问题内容" placeholder="输入问题内容" value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} />
      <Space.Compact block>
        <Input aria-label="问题类别" placeholder="类别（可不填）" value={category} onChange={(e) => setCategory(e.target.value)} />
        <Button icon={<PlusOutlined aria-hidden />} onClick={() => void create(text)}>
          新建问题
        </Button>
      </Space.Compact>
      <div className="muted small">{selectedId ? '新建的问题将关联到当前选中的措施。' : '选中一条措施后新建，问题会自动关联到该措施。'}</div>
      {problems.length === 0 && <Empty description="问题清单为空" />}
      <ol className="problem-list">
        {problems.map((p) => (
          <li key={p.id} className="problem">
            {editing?.id === p.id ? (
              <Space.Compact block>
                <Input aria-label="修改问题内容" value={editing.text} onChange={(e) => setEditing({ id: p.id, text: e.target.value })} />
                <Button
                  onClick={() =>
                    void act(async () => {
                      await store.write('problems.update', { problemId: p.id, text: editing.text });
                      setEditing(null);
                    })
                  }
                >
                  确定
                </Button>
              </Space.Compact>
            ) : (
              <div className="problem-text">
                {p.category && <Typography.Text type="secondary">【{p.category}】</Typography.Text>}
                {p.text}
                <Button size="small" type="link" onClick={() => setEditing({ id: p.id, text: p.text })}>
                  修改
                </Button>
              </div>
            )}
            <div className="problem-links">
              {p.nodeIds.length === 0 && <span className="muted small">未关联措施</span>}
              {p.nodeIds.map((id) => {
                const node = findNode(outline, id);
                return (
                  <Button key={id} size="small" type="link" onClick={() => props.onSelect(id)}>
                    {markerOf.get(id) ?? ''}
                    {(node?.heading || '措施').slice(0, 16)}
                  </Button>
                );
              })}
              {selectedId && !p.nodeIds.includes(selectedId) && (
                <Button size="small" onClick={() => void act(() => store.write('problems.link', { problemId: p.id, nodeId: selectedId }))}>
                  关联到当前措施
                </Button>
              )}
              <Popconfirm
                title="删除这个问题？"
                description="可用“撤销”恢复。"
                okText="删除"
                cancelText="取消"
                onConfirm={() => act(() => store.write('problems.delete', { problemId: p.id }))}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label="删除问题" />
              </Popconfirm>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
