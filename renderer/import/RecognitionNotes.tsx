import type { ReactElement, ReactNode } from 'react';
import { Button, Empty, List, Tag, Tooltip, Typography } from 'antd';
import type { ImportNote } from '../../shared/api/import.ts';

/** What the user can undo in one click; the dialog recognises the item again with the correction. */
export interface NoteActions {
  demote: (line: string) => void;
  restore: (line: string) => void;
}

const KIND_LABELS: Record<ImportNote['kind'], { label: string; color: string }> = {
  title: { label: '标题', color: 'blue' },
  dropped: { label: '已去除', color: 'default' },
  heading: { label: '推断的标题', color: 'purple' },
  field: { label: '责任与时限', color: 'cyan' },
  notice: { label: '印发通知', color: 'geekblue' },
  'front-matter': { label: '题注/报告人/称谓', color: 'gold' },
  closing: { label: '结束语', color: 'green' },
};

/** The recogniser's notes by the line they are about (a line can carry several). */
export function notesByLine(notes: readonly ImportNote[]): Map<string, ImportNote[]> {
  const out = new Map<string, ImportNote[]>();
  for (const n of notes) out.set(n.line, [...(out.get(n.line) ?? []), n]);
  return out;
}

/** The reason on hover, when there is one. */
export function NoteTip(props: { note: ImportNote | undefined; children: ReactElement }): ReactNode {
  if (!props.note) return props.children;
  return <Tooltip title={`识别依据：${props.note.reason}`}>{props.children}</Tooltip>;
}

/** 识别依据: every reading the recogniser explains, with its one-click correction. */
export function RecognitionNotes(props: { notes: readonly ImportNote[]; actions: NoteActions }): ReactNode {
  if (props.notes.length === 0) return <Empty description="没有需要说明的识别" />;
  return (
    <List
      aria-label="识别依据"
      size="small"
      style={{ maxHeight: '50vh', overflow: 'auto' }}
      dataSource={[...props.notes]}
      renderItem={(note) => {
        const kind = KIND_LABELS[note.kind];
        const action =
          note.correctable && note.kind === 'heading' ? (
            <Button size="small" onClick={() => props.actions.demote(note.line)}>
              改为正文
            </Button>
          ) : note.correctable && note.kind === 'dropped' ? (
            <Button size="small" onClick={() => props.actions.restore(note.line)}>
              恢复此行
            </Button>
          ) : null;
        return (
          <List.Item actions={action ? [action] : []}>
            <Tooltip title={note.reason}>
              <span>
                <Tag color={kind.color}>{kind.label}</Tag>
                <Typography.Text style={{ fontSize: 13 }} delete={note.kind === 'dropped'}>
                  {note.line.length > 60 ? `${note.line.slice(0, 60)}…` : note.line}
                </Typography.Text>
              </span>
            </Tooltip>
            <div style={{ fontSize: 12, color: '#888' }}>{note.reason}</div>
          </List.Item>
        );
      }}
    />
  );
}
