import { useId, useMemo, useState } from 'react';
import { Alert, Radio, Typography } from 'antd';
import { FieldRow, Highlighted, TextField } from './fields.tsx';
import { toParagraphs } from './NodeEditor.tsx';
import { useEditor } from './active-field.ts';
import type { PlanStore } from './plan-store.ts';

/** 方案信息: title, 主送机关, opening paragraphs, 附件, 落款, 成文日期 and the numbering setting. */
export function HeaderEditor({ store, preambleHint, autoFocus }: { store: PlanStore; preambleHint: string | null; autoFocus?: boolean }) {
  const [doc] = useState(() => store.get().plan.document);
  const title = useEditor(store, (s) => s.plan.document.title);
  const [numbering, setNumbering] = useState(doc.level3Numbering);
  const numberingId = useId();
  const flush = useMemo(() => () => void store.flush(), [store]);
  const edit = useMemo(
    () => ({
      title: (v: string) => v.trim() && store.editHeader({ title: v.trim() }),
      addressee: (v: string) => store.editHeader({ addressee: v.trim() || null }),
      preamble: (v: string) => store.editHeader({ preamble: toParagraphs(v) }),
      attachments: (v: string) => store.editHeader({ attachments: toParagraphs(v) }),
      issuer: (v: string) => store.editHeader({ issuer: v.trim() || null }),
      date: (v: string) => store.editHeader({ date: v.trim() || null }),
    }),
    [store],
  );
  return (
    <div className="node-editor" role="region" aria-label="编辑方案信息">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        方案信息
      </Typography.Title>
      <div className="title-preview" aria-label="标题预览">
        <Highlighted text={title} />
      </div>
      <TextField label="方案标题" initial={doc.title} nodeId={null} multiline autoFocus={autoFocus} onChange={edit.title} onBlur={flush} />
      <TextField label="主送机关" initial={doc.addressee ?? ''} nodeId={null} onChange={edit.addressee} onBlur={flush} />
      {preambleHint && <Alert type="info" showIcon title={`写作提示：${preambleHint}`} className="node-hint" />}
      <TextField label="开头段落" initial={doc.preamble.join('\n')} nodeId={null} multiline help="每行一段" onChange={edit.preamble} onBlur={flush} />
      <TextField label="附件" initial={doc.attachments.join('\n')} nodeId={null} multiline help="每行一个附件名称" onChange={edit.attachments} onBlur={flush} />
      <div className="measure-grid">
        <TextField label="落款" initial={doc.issuer ?? ''} nodeId={null} onChange={edit.issuer} onBlur={flush} />
        <TextField label="成文日期" initial={doc.date ?? ''} nodeId={null} placeholder="如：2025年12月5日" onChange={edit.date} onBlur={flush} />
      </div>
      <FieldRow label="三级序号（1.）" htmlFor={numberingId}>
        <Radio.Group
          id={numberingId}
          value={numbering}
          onChange={(e) => {
            const v = e.target.value as typeof numbering;
            setNumbering(v);
            store.editHeader({ level3Numbering: v });
            void store.flush();
          }}
          options={[
            { value: 'restart', label: '每节重新编号' },
            { value: 'continuous', label: '全文连续编号' },
          ]}
        />
      </FieldRow>
    </div>
  );
}
