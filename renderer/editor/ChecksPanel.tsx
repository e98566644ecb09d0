import { useCallback, useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Empty, Spin, Tag } from 'antd';
import { ReloadOutlined, ToolOutlined } from '@ant-design/icons';
import type { CheckFinding, CheckReport } from '../../shared/api/editor.ts';
import { api, errorMessage } from '../api/client.ts';
import type { PlanStore } from './plan-store.ts';

/** 公文检查: findings with a click to jump, and one click to fix half-width punctuation. */
export function ChecksPanel(props: { store: PlanStore; planId: string; onJump: (f: CheckFinding) => void; tick: number }) {
  const { store, planId } = props;
  const { message } = AntApp.useApp();
  const [report, setReport] = useState<CheckReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async () => {
    setBusy(true);
    try {
      // Check what the user sees: send pending edits first.
      await store.flush();
      setReport(await api.send('checks.run', { planId }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, [store, planId]);

  useEffect(() => {
    // Each opening of the panel (tick) checks again.
    void Promise.resolve().then(run);
  }, [run, props.tick]);

  const fixable = report?.findings.filter((f) => f.fixable).length ?? 0;

  const fixAll = async (): Promise<void> => {
    try {
      await store.flush();
      const result = await store.write('checks.fixPunctuation', {});
      await store.reload();
      message.success(`已修正 ${result.fixedCount} 处半角标点（可撤销）`);
      await run();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div className="side-content" role="region" aria-label="公文检查">
      <div className="checks-actions">
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void run()} loading={busy}>
          重新检查
        </Button>
        <Button icon={<ToolOutlined aria-hidden />} disabled={fixable === 0} onClick={() => void fixAll()}>
          一键修正半角标点
        </Button>
      </div>
      {error && <Alert type="error" showIcon title="检查失败" description={error} />}
      {busy && !report && <Spin />}
      {report && report.findings.length === 0 && <Empty description="未发现问题" />}
      {report && report.findings.length > 0 && (
        <div className="muted small" role="status">
          共发现 {report.findings.length} 处需要注意的地方，点击可定位。
        </div>
      )}
      <ul className="finding-list" aria-label="检查结果">
        {report?.findings.map((f, i) => (
          <li key={i}>
            <button type="button" className={`finding finding-${f.severity}`} onClick={() => props.onJump(f)}>
              <Tag color={f.severity === 'error' ? 'error' : 'warning'}>{f.severity === 'error' ? '错误' : '提示'}</Tag>
              <span className="finding-message">{f.message}</span>
              {f.excerpt && <span className="finding-excerpt">“{f.excerpt}”</span>}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
