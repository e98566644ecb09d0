import { useId, useState } from 'react';
import { Select } from 'antd';
import type { MeasureStatus } from '../../shared/domain/status.ts';
import { MEASURE_STATUSES, STATUS_LABELS } from '../../shared/domain/status.ts';
import type { MeasureProgress } from '../../shared/api/progress.ts';
import { api } from '../api/client.ts';
import { CloseDialog } from '../progress/ProgressPanel.tsx';
import { FieldRow } from './fields.tsx';
import { replaceNode } from './outline-ops.ts';
import type { PlanStore } from './plan-store.ts';

/**
 * 状态 of a measure in the editor. A status is not text of the plan: each choice is recorded through the
 * progress service as an event (the same path as 整改跟踪), in the editor's write queue so it carries the
 * version the editor saw; 已销号 first asks for the approver and the date in the same 对账销号 dialog.
 */
export function MeasureStatusField({ store, nodeId, initial }: { store: PlanStore; nodeId: string; initial: MeasureStatus }) {
  const id = useId();
  const [status, setStatus] = useState<MeasureStatus>(initial);
  const [closing, setClosing] = useState(false);

  const save = async (next: MeasureStatus, send: (expectedVersion: number) => Promise<MeasureProgress>): Promise<boolean> => {
    const previous = status;
    setStatus(next);
    try {
      await store.run(`状态“${STATUS_LABELS[next]}”`, async (version) => {
        const result = await send(version);
        return { version: result.planVersion };
      });
      store.setOutline((outline) => replaceNode(outline, nodeId, (n) => (n.measure ? { ...n, measure: { ...n.measure, status: next } } : n)));
      return true;
    } catch {
      // The store has told the user why and shows the stored state again.
      setStatus(previous);
      return false;
    }
  };

  return (
    <FieldRow label="状态" htmlFor={id}>
      <Select<MeasureStatus>
        id={id}
        value={status}
        onChange={(v) => {
          if (v === 'closed') setClosing(true);
          else void save(v, (expectedVersion) => api.send('progress.setStatus', { measureId: nodeId, status: v, expectedVersion }));
        }}
        options={MEASURE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        style={{ width: '100%' }}
      />
      <CloseDialog
        open={closing}
        onCancel={() => setClosing(false)}
        onSubmit={async (v) => {
          if (await save('closed', (expectedVersion) => api.send('progress.close', { measureId: nodeId, ...v, expectedVersion }))) setClosing(false);
        }}
      />
    </FieldRow>
  );
}
