import { useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Flex, Input, Segmented, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MEASURE_STATUSES, STATUS_LABELS, type MeasureStatus } from '../../shared/domain/status.ts';
import type { LedgerColumnSet, LedgerMeasure } from '../../shared/api/progress.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { MeasureDetail } from './MeasureTracker.tsx';
import { ExportActions } from './ExportActions.tsx';
import { FormsButtons } from '../forms/FormsButtons.tsx';
import { STATUS_OPTIONS } from './labels.ts';
import './tracking.css';

/** Ledger columns a secretary may correct in place (the rest come from the plan or the tracking records). */
const EDITABLE = new Set(['leader', 'department', 'person', 'cooperating']);

/** Columns that hold sentences (调整原因, 进展, file names): never squeezed to a character per line. */
const WIDE_TEXT = new Set(['remark', 'progress', 'evidence']);

/** Rows per page; merged problem cells need the whole table on one page. */
const PAGE_SIZE = 100;

const STATUS_ORDER = new Map(MEASURE_STATUSES.map((s, i) => [s, i]));

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'zh-Hans-CN-u-co-pinyin');
}

/**
 * 台账: every measure of the plan as a table in the column sets of domain.md §4 (D 合并整改清单,
 * E 整改台账 with progress and evidence), with filter, sort, inline edit of the responsibility cells
 * and of the status, and the exports.
 */
export function LedgerView({ planId, version, onChanged }: { planId: string; version?: number; onChanged?: () => void }) {
  const { message } = AntApp.useApp();
  const [columnSet, setColumnSet] = useState<LedgerColumnSet>('D');
  const ledger = useQuery(() => api.send('progress.ledger', { planId, columnSet }), [planId, columnSet, version]);
  const [text, setText] = useState('');
  const [statuses, setStatuses] = useState<MeasureStatus[]>([]);
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [detail, setDetail] = useState<LedgerMeasure | null>(null);
  const [sortKey, setSortKey] = useState<string | null>(null);

  const changed = async (): Promise<void> => {
    await ledger.reload();
    onChanged?.();
  };

  const departments = useMemo(
    () => [...new Set((ledger.data?.measures ?? []).map((m) => m.department ?? '未填写'))].map((d) => ({ value: d, label: d })),
    [ledger.data],
  );

  const rows = useMemo(() => {
    const q = text.trim();
    return (ledger.data?.measures ?? []).filter(
      (m) =>
        (statuses.length === 0 || statuses.includes(m.status)) &&
        (department === undefined || (m.department ?? '未填写') === department) &&
        (q === '' || Object.values(m.cells).some((c) => c.includes(q)) || m.path.includes(q)),
    );
  }, [ledger.data, text, statuses, department]);

  const saveField = async (m: LedgerMeasure, key: string, value: string): Promise<void> => {
    const v = value.trim();
    try {
      if (key === 'cooperating') {
        await api.send('progress.updateMeasure', { measureId: m.id, cooperating: v === '' ? [] : v.split(/[、,，;；\s]+/).filter(Boolean) });
      } else {
        await api.send('progress.updateMeasure', { measureId: m.id, [key]: v === '' ? null : v });
      }
      message.success('已保存');
      await changed();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const setStatus = async (m: LedgerMeasure, status: MeasureStatus): Promise<void> => {
    if (status === 'closed') {
      // 销号 needs an approver: open the measure so the secretary fills it in.
      setDetail(m);
      message.info('销号请填写审核人：在“对账销号”中办理');
      return;
    }
    try {
      await api.send('progress.setStatus', { measureId: m.id, status });
      message.success(`${m.path} 已改为“${STATUS_LABELS[status]}”`);
      await changed();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  if (ledger.error) return <Alert type="error" showIcon title="无法读取台账" description={ledger.error} />;
  if (!ledger.data) return <Skeleton active />;
  const l = ledger.data;

  // In outline order (no sort, no filter) the 问题 cells of one problem merge, as in the exported ledger.
  const merged = sortKey === null && rows.length === l.measures.length && rows.length <= PAGE_SIZE;
  const spans = merged ? problemSpans(rows) : null;
  const columns: ColumnsType<LedgerMeasure> = l.columns.map((c) => ({
    key: c.key,
    title: c.label,
    // The export's relative widths, but never narrower than the header beside its sort arrows: on one
    // line up to four characters (序号 split into 序/号 reads as broken), on two lines beyond.
    width: Math.max(
      Math.round(c.width * 16),
      c.label.length <= 4 ? c.label.length * 14 + 36 : Math.ceil(c.label.length / 2) * 15 + 36,
      WIDE_TEXT.has(c.key) ? 150 : 56,
    ),
    ...(spans && (c.key === 'problem' || c.key === 'category') ? { onCell: (_: LedgerMeasure, i?: number) => ({ rowSpan: spans[i ?? 0] ?? 1 }) } : {}),
    sorter: (a: LedgerMeasure, b: LedgerMeasure) => {
      if (c.key === 'index') return a.seq - b.seq;
      if (c.key === 'deadline') return compareText(a.deadlineDate ?? '9999', b.deadlineDate ?? '9999') || a.seq - b.seq;
      return compareText(a.cells[c.key] ?? '', b.cells[c.key] ?? '') || a.seq - b.seq;
    },
    render: (_: unknown, m: LedgerMeasure) =>
      EDITABLE.has(c.key) ? (
        <EditableCell label={`${m.path}的${c.label}`} value={m.cells[c.key] ?? ''} onSave={(v) => saveField(m, c.key, v)} />
      ) : (
        <div className="ledger-cell">{m.cells[c.key] ?? ''}</div>
      ),
  }));
  columns.push(
    {
      key: 'status-edit',
      title: '状态',
      width: 120,
      fixed: 'right',
      sorter: (a, b) => (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0) || a.seq - b.seq,
      render: (_, m) => (
        <Select
          size="small"
          aria-label={`${m.path}的状态`}
          value={m.status}
          style={{ width: 108 }}
          options={STATUS_OPTIONS}
          onChange={(s) => void setStatus(m, s)}
        />
      ),
    },
    {
      key: 'open',
      title: '操作',
      width: 70,
      fixed: 'right',
      render: (_, m) => (
        <Button size="small" onClick={() => setDetail(m)} aria-label={`查看${m.path}的进展和佐证材料`}>
          详情
        </Button>
      ),
    },
  );

  return (
    <div>
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        {l.title}
      </Typography.Title>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Segmented<LedgerColumnSet>
          aria-label="台账列组"
          value={columnSet}
          onChange={setColumnSet}
          options={[
            { value: 'D', label: '合并整改清单' },
            { value: 'E', label: '整改台账（含进展和佐证材料）' },
          ]}
        />
        <ExportActions planId={planId} columnSet={columnSet} />
        <FormsButtons planId={planId} onChanged={() => void changed()} />
      </Flex>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Input.Search aria-label="筛选台账" placeholder="搜索问题、措施、部门…" allowClear style={{ width: 260 }} value={text} onChange={(e) => setText(e.target.value)} />
        <Select<MeasureStatus[]>
          mode="multiple"
          aria-label="按状态筛选"
          placeholder="全部状态"
          allowClear
          style={{ minWidth: 200 }}
          value={statuses}
          onChange={setStatuses}
          options={STATUS_OPTIONS}
        />
        <Select aria-label="按责任部门筛选" placeholder="全部部门" allowClear style={{ minWidth: 160 }} value={department} onChange={setDepartment} options={departments} />
        <Typography.Text aria-label="台账统计" role="status">
          问题{l.counts.problems}个，措施{l.counts.measures}项，已完成{l.counts.completed}项（其中已销号{l.counts.closed}项），完成率{l.counts.completionRateText}
          {rows.length !== l.measures.length ? `；当前显示${rows.length}项` : ''}
        </Typography.Text>
      </Flex>
      <Table<LedgerMeasure>
        size="small"
        bordered
        rowKey="id"
        aria-label="整改台账"
        dataSource={rows}
        columns={columns}
        pagination={rows.length > PAGE_SIZE ? { pageSize: PAGE_SIZE, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        onChange={(_p, _f, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          setSortKey(one?.order ? String(one.columnKey) : null);
        }}
        loading={ledger.loading}
      />
      <Drawer open={detail !== null} onClose={() => setDetail(null)} size={880} title={detail ? `${detail.path} ${detail.heading}` : ''} destroyOnHidden>
        {detail && <MeasureDetail measureId={detail.id} onChanged={() => void changed()} />}
      </Drawer>
    </div>
  );
}

/** rowSpan per row: the first row of a run of the same problem spans the run, the others 0. */
function problemSpans(rows: LedgerMeasure[]): number[] {
  const spans = rows.map(() => 1);
  let start = 0;
  while (start < rows.length) {
    let end = start + 1;
    while (end < rows.length && rows[end]!.problem.key === rows[start]!.problem.key) end++;
    spans[start] = end - start;
    for (let i = start + 1; i < end; i++) spans[i] = 0;
    start = end;
  }
  return spans;
}

function EditableCell({ label, value, onSave }: { label: string; value: string; onSave: (v: string) => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  if (editing) {
    const finish = async (): Promise<void> => {
      setEditing(false);
      if (draft.trim() !== value.trim()) await onSave(draft);
    };
    return (
      <Input
        size="small"
        autoFocus
        aria-label={`编辑${label}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void finish()}
        onPressEnter={() => void finish()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setDraft(value);
            setEditing(false);
          }
        }}
      />
    );
  }
  return (
    <div
      className="ledger-cell ledger-editable"
      role="button"
      tabIndex={0}
      aria-label={`${label}：${value || '未填写'}，点击修改`}
      onClick={() => {
        setDraft(value);
        setEditing(true);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'F2') {
          setDraft(value);
          setEditing(true);
        }
      }}
    >
      {value}
    </div>
  );
}
