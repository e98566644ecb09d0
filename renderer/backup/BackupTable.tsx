import { Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { BackupEntry } from '../../shared/api/backup.ts';
import { formatSize } from '../progress/labels.ts';
import { formatDateTime, kindLabel, locationLabel } from './labels.ts';

export interface BackupActions {
  onRestore: (b: BackupEntry) => void;
  onRestorePlan: (b: BackupEntry) => void;
  onVerify: (b: BackupEntry) => void;
  /** path of the backup being verified (its button spins) */
  verifying: string | null;
}

/** The backups, newest first: when, what kind, where, what is in it, how big, whether it checked out. */
export function BackupTable(props: { backups: BackupEntry[]; loading?: boolean; highlight?: string | null; showLocation?: boolean } & BackupActions) {
  return (
    <Table<BackupEntry>
      rowKey="path"
      size="middle"
      loading={props.loading ?? false}
      dataSource={props.backups}
      pagination={props.backups.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      aria-label="备份列表"
      rowClassName={(b) => (b.path === props.highlight ? 'backup-row-preselected' : '')}
      locale={{ emptyText: '还没有备份' }}
      columns={[
        {
          title: '备份时间',
          key: 'createdAt',
          width: 150,
          render: (_, b) => (
            <Space orientation="vertical" size={0}>
              <span>{formatDateTime(b.createdAt)}</span>
              {b.path === props.highlight && <Tag color="blue">最新的完好备份</Tag>}
            </Space>
          ),
        },
        {
          title: '类型和位置',
          key: 'kind',
          render: (_, b) => (
            <Space orientation="vertical" size={0}>
              <span>
                {kindLabel(b)}
                {b.note && b.note !== '自动' && b.note !== '恢复前自动备份' && !b.note.startsWith('升级前') && <Typography.Text type="secondary">（{b.note}）</Typography.Text>}
              </span>
              {props.showLocation !== false && (
                <Tooltip title={b.path}>
                  <Typography.Text type="secondary" className="backup-path">
                    {locationLabel(b)}
                  </Typography.Text>
                </Tooltip>
              )}
            </Space>
          ),
        },
        {
          title: '内容',
          key: 'counts',
          width: 170,
          render: (_, b) => `${b.plans} 个方案、${b.measures} 项措施、${b.attachments} 个佐证材料`,
        },
        { title: '大小', key: 'bytes', width: 80, render: (_, b) => formatSize(b.bytes) },
        {
          title: '校验',
          key: 'verified',
          width: 80,
          render: (_, b) =>
            b.problems.length > 0 ? (
              <Tooltip title={b.problems.join('；')}>
                <Tag color="red">已损坏</Tag>
              </Tooltip>
            ) : b.verified ? (
              <Tag color="green">已校验</Tag>
            ) : (
              <Tag>未校验</Tag>
            ),
        },
        {
          title: '操作',
          key: 'actions',
          width: 220,
          render: (_, b) => {
            const usable = b.problems.length === 0;
            return (
              <Space size="small">
                <Button size="small" type={b.path === props.highlight ? 'primary' : 'default'} disabled={!usable} onClick={() => props.onRestore(b)}>
                  恢复
                </Button>
                <Button size="small" disabled={!usable} onClick={() => props.onRestorePlan(b)}>
                  恢复方案
                </Button>
                <Button size="small" loading={props.verifying === b.path} onClick={() => props.onVerify(b)}>
                  校验
                </Button>
              </Space>
            );
          },
        },
      ]}
    />
  );
}
