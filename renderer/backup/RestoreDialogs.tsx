import { useState } from 'react';
import { Alert, App as AntApp, Modal, Skeleton, Table, Tag, Typography } from 'antd';
import type { BackupEntry, BackupPlan } from '../../shared/api/backup.ts';
import type { TaskProgress } from '../../shared/api/task-progress.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { progressLabel } from '../components/task-progress.ts';
import { navigate } from '../router.ts';
import { formatDateTime, kindLabel } from './labels.ts';

/** After a whole-workbook restore every page's data is stale: start the window afresh on the plan list. */
function reloadWorkbook(): void {
  window.location.hash = '#/';
  window.location.reload();
}

/**
 * 恢复: says what will be replaced by what (and that a 恢复前自动备份 is taken first), then restores
 * and reloads the window.
 */
export function RestoreConfirm(props: { backup: BackupEntry; onClose: () => void }) {
  const { notification, message } = AntApp.useApp();
  const preview = useQuery(() => api.send('backup.preview', { backup: props.backup.path }), [props.backup.path]);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const broken = (preview.data?.backup.problems.length ?? 0) > 0;

  const restore = async (): Promise<void> => {
    setBusy(true);
    try {
      const result = await api.send('backup.restore', { backup: props.backup.path }, { onProgress: setProgress });
      message.success(`已从 ${formatDateTime(result.restored.createdAt)} 的备份恢复，正在重新载入…`);
      reloadWorkbook();
    } catch (err) {
      notification.error({ title: '恢复失败，工作台未改变', description: errorMessage(err), duration: 0 });
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <Modal
      open
      title="恢复整个工作台"
      okText={(busy && progressLabel(progress)) || '恢复'}
      okButtonProps={{ danger: true, disabled: !preview.data || broken, loading: busy }}
      cancelText="取消"
      cancelButtonProps={{ disabled: busy }}
      closable={!busy}
      mask={{ closable: false }}
      onOk={() => void restore()}
      onCancel={props.onClose}
      width={620}
    >
      {preview.loading && <Skeleton active paragraph={{ rows: 3 }} />}
      {preview.error && <Alert type="error" showIcon title="无法读取这个备份" description={preview.error} />}
      {preview.data && (
        <>
          <Typography.Paragraph>
            备份：{formatDateTime(preview.data.backup.createdAt)}，{kindLabel(preview.data.backup)}
          </Typography.Paragraph>
          <Alert type={broken ? 'error' : 'warning'} showIcon title={preview.data.message} />
        </>
      )}
    </Modal>
  );
}

/** 恢复方案: picks one plan of the backup and adds it as a new plan (nothing else changes). */
export function RestorePlanDialog(props: { backup: BackupEntry; onClose: () => void }) {
  const { notification, message } = AntApp.useApp();
  const plans = useQuery(() => api.send('backup.plans', { backup: props.backup.path }), [props.backup.path]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const restore = async (): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    try {
      const plan = await api.send('backup.restorePlan', { backup: props.backup.path, planId: chosen });
      message.success(`已恢复方案「${plan.title}」`);
      props.onClose();
      navigate({ name: 'plan', id: plan.id });
    } catch (err) {
      notification.error({ title: '恢复方案失败', description: errorMessage(err), duration: 0 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="从备份恢复方案"
      okText="恢复为新方案"
      okButtonProps={{ disabled: !chosen, loading: busy }}
      cancelText="取消"
      onOk={() => void restore()}
      onCancel={props.onClose}
      width={760}
    >
      <Typography.Paragraph type="secondary">
        选择 {formatDateTime(props.backup.createdAt)} 的备份中的一个方案，它将连同历史版本、进展记录和佐证材料作为新方案加入工作台，工作台中现有的内容都不会改变。
      </Typography.Paragraph>
      {plans.error && <Alert type="error" showIcon title="无法读取这个备份" description={plans.error} />}
      <Table<BackupPlan>
        rowKey="id"
        size="small"
        loading={plans.loading}
        dataSource={plans.data ?? []}
        pagination={false}
        aria-label="备份中的方案"
        rowSelection={{ type: 'radio', selectedRowKeys: chosen ? [chosen] : [], onChange: (keys) => setChosen(String(keys[0] ?? '')) }}
        onRow={(p) => ({ onClick: () => setChosen(p.id) })}
        locale={{ emptyText: '这个备份中没有方案' }}
        columns={[
          { title: '方案标题', dataIndex: 'title' },
          { title: '整改措施', dataIndex: 'measureCount', width: 90, render: (n: number) => `${n} 项` },
          { title: '最后修改', dataIndex: 'updatedAt', width: 150, render: (t: string) => formatDateTime(t) },
          { title: '', key: 'exists', width: 130, render: (_, p) => (p.existsNow ? <Tag>工作台中也有</Tag> : <Tag color="orange">工作台中已没有</Tag>) },
        ]}
      />
    </Modal>
  );
}
