import { useState, type ReactNode } from 'react';
import { App as AntApp } from 'antd';
import type { BackupEntry } from '../../shared/api/backup.ts';
import { api, errorMessage } from '../api/client.ts';
import type { BackupActions } from './BackupTable.tsx';
import { RestoreConfirm, RestorePlanDialog } from './RestoreDialogs.tsx';

/**
 * What the rows of a backup list do: 恢复 (confirm, then the whole workbook), 恢复方案 (one plan as a
 * new plan), 校验 (checked again now; the row shows the outcome). `dialogs` must be rendered.
 */
export function useBackupActions(onVerified: (entry: BackupEntry) => void): BackupActions & { dialogs: ReactNode } {
  const { notification, message } = AntApp.useApp();
  const [restoring, setRestoring] = useState<BackupEntry | null>(null);
  const [restoringPlan, setRestoringPlan] = useState<BackupEntry | null>(null);
  const [verifying, setVerifying] = useState<string | null>(null);

  const onVerify = async (b: BackupEntry): Promise<void> => {
    setVerifying(b.path);
    try {
      const checked = await api.send('backup.verify', { backup: b.path });
      onVerified(checked);
      if (checked.problems.length === 0) message.success(`${b.format === 'file' ? '数据库' : '备份'}校验通过：内容与备份时一致`);
      else notification.error({ title: '这个备份已损坏，不能用于恢复', description: checked.problems.slice(0, 5).join('；'), duration: 0 });
    } catch (err) {
      notification.error({ title: '校验失败', description: errorMessage(err) });
    } finally {
      setVerifying(null);
    }
  };

  return {
    onRestore: setRestoring,
    onRestorePlan: setRestoringPlan,
    onVerify: (b) => void onVerify(b),
    verifying,
    dialogs: (
      <>
        {restoring && <RestoreConfirm backup={restoring} onClose={() => setRestoring(null)} />}
        {restoringPlan && <RestorePlanDialog backup={restoringPlan} onClose={() => setRestoringPlan(null)} />}
      </>
    ),
  };
}
