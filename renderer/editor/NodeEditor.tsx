import { memo, useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { ProblemItem } from '../../shared/api/editor.ts';
import { computeMarkers } from '../../shared/numbering.ts';
import { DeadlineField, DepartmentsField, DirectoryField, TextField, type TextHandle } from './fields.tsx';
import { MeasureStatusField } from './MeasureStatusField.tsx';
import { useEditor } from './active-field.ts';
import { findNode } from './outline-ops.ts';
import type { PlanStore } from './plan-store.ts';

const KIND_LABELS = { section: '章节', measure: '整改措施', paragraph: '段落' } as const;

/** Lines of a textarea → paragraphs (blank lines dropped). */
export function toParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+$/u, ''))
    .filter((l) => l.trim() !== '');
}

export interface NodeEditorProps {
  store: PlanStore;
  nodeId: string;
  hint: { hint: string; examples: string[] } | undefined;
  autoFocus: boolean;
  problems: ProblemItem[];
  onLink: (problemId: string, nodeId: string, link: boolean) => Promise<void>;
  onDelete: (nodeId: string) => void;
}

/** The selected node's fields. Mounted per node (and per reload), so its text state is its own. */
export const NodeEditor = memo(function NodeEditor(props: NodeEditorProps) {
  const { store, nodeId } = props;
  // Read once: from here on the fields own the text and the store only receives changes.
  const [node] = useState(() => findNode(store.get().outline, nodeId));
  const bodyHandle = useRef<TextHandle | null>(null);
  const flush = useMemo(() => () => void store.flush(), [store]);
  const setHeading = useMemo(() => (heading: string) => store.editNode(nodeId, { heading }), [store, nodeId]);
  const setBody = useMemo(() => (text: string) => store.editNode(nodeId, { body: toParagraphs(text) }), [store, nodeId]);
  const measure = useMemo(
    () => ({
      leader: (v: string) => store.editNode(nodeId, { measure: { leader: v.trim() || null } }),
      department: (v: string) => store.editNode(nodeId, { measure: { department: v.trim() || null } }),
      cooperating: (v: string[]) => store.editNode(nodeId, { measure: { cooperating: v } }),
      person: (v: string) => store.editNode(nodeId, { measure: { person: v.trim() || null } }),
      deadline: (v: string) => store.editNode(nodeId, { measure: { deadline: v.trim() || null } }),
    }),
    [store, nodeId],
  );

  if (!node) return <Empty description="该节点已不存在，请在左侧重新选择。" />;
  const m = node.measure;
  const isMeasure = node.kind === 'measure';
  const linked = props.problems.filter((p) => p.nodeIds.includes(nodeId));
  const unlinked = props.problems.filter((p) => !p.nodeIds.includes(nodeId));

  return (
    <div className="node-editor" aria-label={`编辑${KIND_LABELS[node.kind]}`} role="region">
      <div className="node-editor-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          <NodeMarker store={store} nodeId={nodeId} /> {KIND_LABELS[node.kind]}
        </Typography.Title>
        <Space>
          <Popconfirm
            title="删除节点"
            description={node.children.length > 0 ? '将同时删除其下级内容，可用“撤销”恢复。' : '删除后可用“撤销”恢复。'}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => props.onDelete(nodeId)}
          >
            <Button danger icon={<DeleteOutlined aria-hidden />}>
              删除此{KIND_LABELS[node.kind]}
            </Button>
          </Popconfirm>
        </Space>
      </div>

      {props.hint && (
        <Alert
          className="node-hint"
          type="info"
          showIcon
          title={`写作提示：${props.hint.hint}`}
          description={
            props.hint.examples.length > 0 && (
              <div className="hint-examples">
                {props.hint.examples.map((ex, i) => (
                  <div key={i} className="hint-example">
                    <span>{ex}</span>
                    <Button size="small" type="link" onClick={() => bodyHandle.current?.insert(ex)} aria-label={`插入示例${i + 1}`}>
                      插入
                    </Button>
                  </div>
                ))}
              </div>
            )
          }
        />
      )}

      {node.kind !== 'paragraph' && (
        <TextField
          label={isMeasure ? '措施标题' : '标题'}
          initial={node.heading}
          nodeId={nodeId}
          autoFocus={props.autoFocus}
          placeholder={isMeasure ? '措施的主旨句，如：建立健全理论学习常态化机制。' : '章节标题'}
          onChange={setHeading}
          onBlur={flush}
        />
      )}
      <TextField
        label="正文"
        initial={node.body.join('\n')}
        nodeId={nodeId}
        multiline
        autoFocus={props.autoFocus && node.kind === 'paragraph'}
        handle={bodyHandle}
        help="每行一段"
        onChange={setBody}
        onBlur={flush}
      />

      {isMeasure && (
        <div className="measure-grid">
          <DirectoryField label="责任领导" type="person" initial={m?.leader ?? ''} onChange={measure.leader} onBlur={flush} />
          <DirectoryField label="责任部门" type="department" initial={m?.department ?? ''} onChange={measure.department} onBlur={flush} />
          <DepartmentsField label="配合部门" initial={m?.cooperating ?? []} onChange={measure.cooperating} onBlur={flush} />
          <DirectoryField label="责任人" type="person" initial={m?.person ?? ''} onChange={measure.person} onBlur={flush} />
          <DeadlineField initial={m?.deadline ?? ''} onChange={measure.deadline} onBlur={flush} />
          <MeasureStatusField store={store} nodeId={nodeId} initial={m?.status ?? 'not_started'} />
        </div>
      )}

      {isMeasure && (
        <div className="measure-problems" role="group" aria-label="对应问题">
          <Typography.Text strong>对应问题</Typography.Text>
          {linked.length === 0 && <div className="muted">尚未关联问题清单中的问题。</div>}
          {linked.map((p) => (
            <div key={p.id} className="linked-problem">
              <span>{p.text}</span>
              <Button size="small" type="link" onClick={() => void props.onLink(p.id, nodeId, false)}>
                取消关联
              </Button>
            </div>
          ))}
          {unlinked.length > 0 && (
            <Select
              aria-label="关联问题"
              placeholder="关联问题清单中的问题…"
              value={null}
              style={{ width: '100%', marginTop: 4 }}
              options={unlinked.map((p) => ({ value: p.id, label: p.text }))}
              onChange={(id: string | null) => id && void props.onLink(id, nodeId, true)}
            />
          )}
        </div>
      )}
      {node.kind === 'section' && node.children.length === 0 && node.body.length === 0 && (
        <Tag color="warning" className="empty-section">
          本节尚无内容
        </Tag>
      )}
    </div>
  );
});

/** The node's current marker (一、（二）3.), following moves while the editor stays mounted. */
function NodeMarker({ store, nodeId }: { store: PlanStore; nodeId: string }) {
  const outline = useEditor(store, (s) => s.outline);
  const continuous = useEditor(store, (s) => s.plan.document.level3Numbering === 'continuous');
  const marker = useMemo(() => {
    const markers = computeMarkers(outline as never[], { level3Numbering: continuous ? 'continuous' : 'restart' });
    for (const [node, mk] of markers) if ((node as { id: string }).id === nodeId) return mk;
    return '';
  }, [outline, continuous, nodeId]);
  return <span className="marker">{marker}</span>;
}
