import { Button, Space, Table, Tag, Typography } from 'antd';
import { STALE_BACKUP_DAYS, type BackupLocationStatus } from '../../shared/api/backup.ts';
import { ageText, formatDateTime } from './labels.ts';

const STALE_MS = STALE_BACKUP_DAYS * 86_400_000;

/** Where backups go, whether each place is there now, when it last got a good backup, and why not since. */
export function LocationsTable(props: { locations: BackupLocationStatus[]; loading: boolean; onRemove: (folder: string) => void }) {
  return (
    <Table<BackupLocationStatus>
      rowKey="folder"
      size="middle"
      pagination={false}
      loading={props.loading}
      dataSource={props.locations}
      aria-label="备份位置"
      columns={[
        {
          title: '位置',
          key: 'folder',
          render: (_, l) =>
            l.local ? (
              <Space orientation="vertical" size={0}>
                <span>本机（数据目录的 backups 文件夹）</span>
                <Typography.Text type="secondary" className="backup-path">
                  {l.folder}
                </Typography.Text>
              </Space>
            ) : (
              <span className="backup-path">{l.folder}</span>
            ),
        },
        { title: '状态', key: 'available', width: 90, render: (_, l) => (l.available ? <Tag color="green">可用</Tag> : <Tag color="orange">未连接</Tag>) },
        {
          title: '最近一次成功的备份',
          key: 'last',
          width: 230,
          render: (_, l) => {
            if (!l.lastSuccessAt) return <Typography.Text type="warning">还没有</Typography.Text>;
            const stale = Date.now() - Date.parse(l.lastSuccessAt) > STALE_MS;
            return (
              <Typography.Text type={stale ? 'danger' : undefined}>
                {formatDateTime(l.lastSuccessAt)}（{ageText(l.lastSuccessAt)}）
              </Typography.Text>
            );
          },
        },
        {
          title: '上次未成功的原因',
          key: 'problem',
          render: (_, l) => (l.lastProblem ? <Typography.Text type="danger">{l.lastProblem}</Typography.Text> : <Typography.Text type="secondary">—</Typography.Text>),
        },
        {
          title: '',
          key: 'actions',
          width: 70,
          render: (_, l) =>
            l.local ? null : (
              <Button size="small" onClick={() => props.onRemove(l.folder)}>
                移除
              </Button>
            ),
        },
      ]}
    />
  );
}
