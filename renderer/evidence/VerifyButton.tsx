import { useState } from 'react';
import { App as AntApp, Button, Modal, Result, Table, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { VerifyResult } from '../../shared/api/evidence.ts';
import type { TaskProgress } from '../../shared/api/task-progress.ts';
import { api, errorMessage } from '../api/client.ts';
import { progressLabel } from '../components/task-progress.ts';
import { formatSize } from '../progress/labels.ts';

interface ProblemRow {
  key: string;
  state: 'missing' | 'altered';
  planTitle: string;
  measure: string;
  originalName: string;
  removed: boolean;
}

/** 完整性检查: re-hashes every stored file on demand and lists what is missing or altered. */
export function VerifyButton() {
  const { notification } = AntApp.useApp();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  // Re-hashing thousands of files takes a while: the desktop app counts them on the button.
  const [progress, setProgress] = useState<TaskProgress | null>(null);

  const run = async (): Promise<void> => {
    setRunning(true);
    try {
      setResult(await api.send('evidence.verify', {}, { onProgress: setProgress }));
    } catch (err) {
      notification.error({ title: '完整性检查失败', description: errorMessage(err) });
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  const rows: ProblemRow[] =
    result?.problems.flatMap((p) =>
      p.attachments.length === 0
        ? [{ key: p.sha256, state: p.state, planTitle: '—', measure: '—', originalName: `（未被引用的文件 ${p.sha256.slice(0, 12)}…）`, removed: false }]
        : p.attachments.map((a) => ({
            key: `${p.sha256}-${a.attachmentId}`,
            state: p.state,
            planTitle: a.planTitle,
            measure: `${a.measurePath} ${a.measureHeading}`.trim(),
            originalName: a.originalName,
            removed: a.removed,
          })),
    ) ?? [];

  return (
    <>
      <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={running} onClick={() => void run()}>
        {(running && progressLabel(progress)) || '完整性检查'}
      </Button>
      <Modal
        open={result !== null}
        title="佐证材料完整性检查"
        onCancel={() => setResult(null)}
        footer={
          <Button type="primary" onClick={() => setResult(null)}>
            关闭
          </Button>
        }
        width={880}
      >
        {result?.ok && (
          <Result
            status="success"
            title="全部佐证材料完好"
            subTitle={`共检查 ${result.checked} 个文件（${formatSize(result.bytes)}），内容与添加时一致。`}
          />
        )}
        {result && !result.ok && (
          <>
            <Result
              status="error"
              title={`发现 ${result.problems.length} 个文件有问题`}
              subTitle={`共检查 ${result.checked} 个文件。缺失或被改动的材料请找到原件后重新添加。`}
            />
            <Table<ProblemRow>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={rows}
              aria-label="有问题的佐证材料"
              columns={[
                {
                  title: '问题',
                  key: 'state',
                  width: 90,
                  render: (_, r) => (r.state === 'missing' ? <Tag color="red">文件缺失</Tag> : <Tag color="orange">内容被改动</Tag>),
                },
                { title: '方案', dataIndex: 'planTitle' },
                { title: '措施', dataIndex: 'measure' },
                {
                  title: '原文件名',
                  key: 'originalName',
                  render: (_, r) => (
                    <>
                      {r.originalName}
                      {r.removed && <Tag style={{ marginLeft: 6 }}>已移除</Tag>}
                    </>
                  ),
                },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
