import { useState } from 'react';
import { Alert, Modal, Typography } from 'antd';
import type { BackupEntry } from '../../shared/api/backup.ts';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { BackupTable } from './BackupTable.tsx';
import { newestGood } from './labels.ts';
import { useBackupActions } from './use-backup-actions.tsx';

/**
 * 从其他位置恢复: the backups in a folder the user picked — a USB drive, a folder 导出工作台 wrote on the
 * old PC, or one backup set itself — to restore from (the newest good one marked).
 */
export function FolderBackupsDialog(props: { folder: string; onClose: () => void }) {
  const listing = useQuery(() => api.send('backup.list', { from: props.folder }), [props.folder]);
  const [checked, setChecked] = useState<Record<string, BackupEntry>>({});
  const actions = useBackupActions((entry) => setChecked((c) => ({ ...c, [entry.path]: entry })));
  const backups = (listing.data?.backups ?? []).map((b) => checked[b.path] ?? b);
  return (
    <Modal open title="从其他位置恢复" footer={null} onCancel={props.onClose} width={1100}>
      <Typography.Paragraph type="secondary">文件夹：{props.folder}</Typography.Paragraph>
      {listing.error && <Alert type="error" showIcon title="无法读取这个文件夹" description={listing.error} />}
      {listing.data && listing.data.backups.length === 0 && (
        <Alert type="info" showIcon title="这个文件夹中没有整改方案工作台的备份" description="备份是名为“备份_日期_时间”的文件夹。请选择包含它的文件夹（例如 U 盘上的备份文件夹，或“导出工作台”时选择的文件夹）。" />
      )}
      {backups.length > 0 && <BackupTable backups={backups} loading={listing.loading} highlight={newestGood(backups)?.path ?? null} showLocation={false} {...actions} />}
      {actions.dialogs}
    </Modal>
  );
}
