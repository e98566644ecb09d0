import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Empty, Input, Select, Skeleton, Tag, Typography } from 'antd';
import { STATUS_LABELS } from '../../shared/domain/status.ts';
import type { MeasureStatus } from '../../shared/domain/status.ts';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { EvidencePanel } from '../evidence/EvidencePanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { STATUS_COLORS, STATUS_OPTIONS } from './labels.ts';
import './tracking.css';

/** One measure's whole tracking page: progress and history, then its evidence. */
export function MeasureDetail({ measureId, onChanged }: { measureId: string; onChanged?: () => void }) {
  return (
    <div>
      <ProgressPanel key={`p-${measureId}`} measureId={measureId} {...(onChanged ? { onChanged } : {})} />
      <div style={{ height: 24 }} />
      <EvidencePanel key={`e-${measureId}`} measureId={measureId} {...(onChanged ? { onChanged } : {})} />
    </div>
  );
}

/** 整改跟踪: every measure of the plan on the left, the chosen one's progress and evidence on the right. */
export function MeasureTracker({ planId, version, initialMeasureId }: { planId: string; version?: number; initialMeasureId?: string | null }) {
  const measures = useQuery(() => api.send('progress.measures', { planId }), [planId, version]);
  const [selected, setSelected] = useState<string | null>(initialMeasureId ?? null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<MeasureStatus | undefined>(undefined);

  const visible = useMemo(
    () =>
      (measures.data ?? []).filter(
        (m) =>
          (status === undefined || m.status === status) &&
          (text.trim() === '' || `${m.path} ${m.heading} ${m.department ?? ''} ${m.leader ?? ''}`.includes(text.trim())),
      ),
    [measures.data, status, text],
  );

  // Until the user picks one, the first measure is shown (also when the one asked for no longer exists).
  const current = (selected !== null && measures.data?.some((m) => m.id === selected) ? selected : null) ?? measures.data?.[0]?.id ?? null;

  // Opened on a measure (a row of the 工作台, a search hit): its row is brought into view once the list is there.
  const list = useRef<HTMLUListElement>(null);
  const loaded = measures.data !== undefined;
  useEffect(() => {
    if (!loaded || !initialMeasureId) return;
    // Only the list scrolls (scrollIntoView would also move the window and hide the top bar).
    const box = list.current;
    const row = box?.querySelector('[aria-current="true"]');
    if (!box || !row) return;
    const at = row.getBoundingClientRect();
    box.scrollTop += at.top - box.getBoundingClientRect().top - (box.clientHeight - at.height) / 2;
  }, [loaded, initialMeasureId]);

  if (measures.error) return <Alert type="error" showIcon title="无法读取整改措施" description={measures.error} />;
  if (!measures.data) return <Skeleton active />;
  if (measures.data.length === 0) return <Empty description="这个方案还没有整改措施。请先在“编辑”中添加措施。" />;

  return (
    <div className="tracking-layout">
      <nav aria-label="整改措施">
        <Input.Search aria-label="筛选措施" placeholder="按编号、内容、部门筛选" allowClear value={text} onChange={(e) => setText(e.target.value)} style={{ marginBottom: 8 }} />
        <Select
          aria-label="按状态筛选措施"
          allowClear
          placeholder="全部状态"
          style={{ width: '100%', marginBottom: 8 }}
          value={status}
          onChange={(v) => setStatus(v)}
          options={STATUS_OPTIONS}
        />
        <ul className="measure-list" ref={list}>
          {visible.map((m) => (
            <li key={m.id}>
              <button type="button" aria-current={m.id === current} onClick={() => setSelected(m.id)} aria-label={`措施 ${m.path} ${m.heading}`}>
                <span className="measure-path">{m.path}</span>
                {m.heading || '（无标题）'}
                <div>
                  <Tag color={STATUS_COLORS[m.status]} style={{ marginTop: 2 }}>
                    {STATUS_LABELS[m.status]}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {[m.department, m.deadline].filter(Boolean).join(' · ')}
                  </Typography.Text>
                </div>
              </button>
            </li>
          ))}
          {visible.length === 0 && (
            <li style={{ padding: 12 }}>
              <Typography.Text type="secondary">没有符合条件的措施</Typography.Text>
            </li>
          )}
        </ul>
      </nav>
      <div>{current && <MeasureDetail measureId={current} onChanged={() => void measures.reload()} />}</div>
    </div>
  );
}
