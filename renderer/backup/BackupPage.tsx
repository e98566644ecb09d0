import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Menu, Space, Typography } from 'antd';
import { ArrowLeftOutlined, CloudUploadOutlined, ExportOutlined, FolderAddOutlined, FolderOpenOutlined, ReloadOutlined } from '@ant-design/icons';
import type { BackupEntry } from '../../shared/api/backup.ts';
import type { TaskProgress } from '../../shared/api/task-progress.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { progressLabel } from '../components/task-progress.ts';
import { navigate } from '../router.ts';
import { BackupTable } from './BackupTable.tsx';
import { FolderBackupsDialog } from './FolderBackupsDialog.tsx';
import { formatDateTime, newestGood } from './labels.ts';
import { LocationsTable } from './LocationsTable.tsx';
import { useBackupActions } from './use-backup-actions.tsx';
import { useFolderPicker } from './use-folder-picker.tsx';
import './backup.css';

/**
 * 设置 → 备份与恢复: where backups go (the data folder, a USB drive, a network share) and when each
 * last worked; 立即备份, 导出工作台; every backup of every location, to check or restore — the whole
 * workbook or one plan. A workbook that cannot be opened lands here with the newest good backup marked.
 */
export function BackupPage() {
  const { message, modal, notification } = AntApp.useApp();
  const [tick, setTick] = useState(0);
  const status = useQuery(() => api.send('backup.status', {}), [tick]);
  const listing = useQuery(() => api.send('backup.list', {}), [tick]);
  const [checked, setChecked] = useState<Record<string, BackupEntry>>({});
  const actions = useBackupActions((entry) => setChecked((c) => ({ ...c, [entry.path]: entry })));
  const picker = useFolderPicker();
  const [busy, setBusy] = useState<'now' | 'export' | null>(null);
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const [otherFolder, setOtherFolder] = useState<string | null>(null);
  const reload = () => setTick((t) => t + 1);

  const workbook = status.data?.workbook;
  const unopened = workbook !== undefined && workbook.state !== 'ok';
  const backups = (listing.data?.backups ?? []).map((b) => checked[b.path] ?? b);
  const preselected = newestGood(backups);

  const run = async (kind: 'now' | 'export', work: () => Promise<void>): Promise<void> => {
    setBusy(kind);
    try {
      await work();
    } catch (err) {
      notification.error({ title: kind === 'now' ? '备份失败' : '导出工作台失败', description: errorMessage(err), duration: 0 });
    } finally {
      setBusy(null);
      setProgress(null);
      reload();
    }
  };

  const backupNow = () =>
    run('now', async () => {
      const r = await api.send('backup.now', {}, { onProgress: setProgress });
      if (r.results.length > 0) message.success(`已备份到 ${r.results.length} 个位置，并已校验`);
      for (const s of r.skipped) notification.warning({ title: '有一个备份位置这次没有备份', description: s.message, duration: 0 });
    });

  const exportWorkbook = () =>
    run('export', async () => {
      const folder = await picker.pick('导出工作台：选择保存的文件夹', '输入要保存备份的文件夹（例如 U 盘上的文件夹）。文件夹中会建立一个“备份_日期_时间”文件夹，里面是整个工作台。');
      if (!folder) return;
      const r = await api.send('backup.create', { folder, note: '导出' }, { onProgress: setProgress });
      modal.success({
        title: '已导出工作台',
        width: 560,
        content: (
          <>
            <Typography.Paragraph>
              已写入：<Typography.Text code>{r.path}</Typography.Text>（{r.plans} 个方案、{r.measures} 项措施、{r.attachments} 个佐证材料，已校验）。
            </Typography.Paragraph>
            <Typography.Paragraph>换到新电脑时：安装整改方案工作台后，在首页点击“从备份恢复”，选择这个文件夹即可。</Typography.Paragraph>
          </>
        ),
      });
    });

  const addLocation = async (): Promise<void> => {
    try {
      const folder = await picker.pick('添加备份位置', '输入 U 盘或网络共享上的文件夹路径。以后每次自动备份也会写入这里（插着 U 盘时）。');
      if (!folder) return;
      await api.send('backup.addLocation', { folder });
      message.success('已添加备份位置');
      reload();
    } catch (err) {
      notification.error({ title: '无法添加备份位置', description: errorMessage(err) });
    }
  };

  const removeLocation = (folder: string) =>
    modal.confirm({
      title: '移除备份位置',
      content: `以后不再备份到“${folder}”。其中已有的备份不会删除，仍可从那里恢复。`,
      okText: '移除',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.send('backup.removeLocation', { location: folder });
          reload();
        } catch (err) {
          notification.error({ title: '无法移除备份位置', description: errorMessage(err) });
        }
      },
    });

  const restoreFromOther = async (): Promise<void> => {
    const folder = await picker.pick('从其他位置恢复：选择备份所在的文件夹', '输入备份所在的文件夹（例如 U 盘上的备份文件夹，或“导出工作台”时选择的文件夹）。');
    if (folder) setOtherFolder(folder);
  };

  // A workbook that cannot be opened needs the list first: the newest good backup is marked there.
  const locationsCard = (
    <Card
      key="locations"
      title="备份位置"
      extra={
        <Space wrap>
          <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} loading={busy === 'now'} disabled={unopened || (busy !== null && busy !== 'now')} onClick={() => void backupNow()}>
            {(busy === 'now' && progressLabel(progress)) || '立即备份'}
          </Button>
          <Button icon={<FolderAddOutlined aria-hidden />} onClick={() => void addLocation()}>
            添加备份位置
          </Button>
          <Button icon={<ExportOutlined aria-hidden />} loading={busy === 'export'} disabled={unopened || (busy !== null && busy !== 'export')} onClick={() => void exportWorkbook()}>
            {(busy === 'export' && progressLabel(progress)) || '导出工作台'}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        每天第一次打开程序时、有修改后关闭程序时，自动备份到下面每个可用的位置（数据库和全部佐证材料，备份后校验）。自动备份保留最近 7 天、4 周和 6 个月各一份；手动备份、恢复前和升级前的备份一直保留。U 盘或网络共享文件夹可以作为第二个位置，防止电脑硬盘损坏。
      </Typography.Paragraph>
      <LocationsTable locations={status.data?.locations ?? []} loading={status.loading} onRemove={removeLocation} />
    </Card>
  );
  const listCard = (
    <Card
      key="list"
      title="备份列表"
      extra={
        <Space wrap>
          <Button icon={<FolderOpenOutlined aria-hidden />} onClick={() => void restoreFromOther()}>
            从其他位置恢复
          </Button>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={reload}>
            刷新
          </Button>
        </Space>
      }
    >
      {listing.error && <Alert type="error" showIcon title="读取备份列表失败" description={listing.error} />}
      {(listing.data?.unavailable.length ?? 0) > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`备份位置 ${listing.data?.unavailable.join('、')} 现在未连接，其中的备份未列出。插上 U 盘后点击“刷新”。`} />
      )}
      <BackupTable backups={backups} loading={listing.loading} highlight={unopened ? (preselected?.path ?? null) : null} {...actions} />
      {(listing.data?.incomplete ?? 0) > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          另有 {listing.data?.incomplete} 个未完成的备份（备份时程序被关闭或 U 盘被拔出），不能用于恢复，程序会自动清理。
        </Typography.Paragraph>
      )}
    </Card>
  );

  return (
    <div className="page backup-page">
      <Flex align="center" gap={12} className="page-head">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate({ name: 'list' })}>
          返回方案列表
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          设置
        </Typography.Title>
      </Flex>
      <Flex gap={24} align="flex-start">
        <Menu className="settings-menu" mode="inline" selectedKeys={['backup']} items={[{ key: 'backup', label: '备份与恢复' }]} aria-label="设置项目" />
        <Flex vertical gap={16} className="settings-content">
          {unopened && workbook && (
            <Alert
              type="error"
              showIcon
              title={workbook.state === 'damaged' ? '数据文件已损坏，工作台无法打开' : '工作台无法打开'}
              description={
                <>
                  {/* The service's message also tells a CLI user what to do; here the first sentence says enough. */}
                  <Typography.Paragraph style={{ marginBottom: 8 }} ellipsis={{ rows: 1, expandable: true, symbol: '详细说明' }}>
                    {workbook.message}
                  </Typography.Paragraph>
                  {preselected ? (
                    <Typography.Text strong>已为您选中最新的完好备份（{formatDateTime(preselected.createdAt)}），点击它的“恢复”即可。损坏的数据文件会移到 backups 文件夹中保存，不会删除。</Typography.Text>
                  ) : (
                    <Typography.Text strong>数据目录中没有备份。如果备份到过 U 盘或导出过工作台，请点击“从其他位置恢复”。</Typography.Text>
                  )}
                </>
              }
            />
          )}
          {status.data?.warning && <Alert type="warning" showIcon title={status.data.warning} />}
          {status.error && <Alert type="error" showIcon title="读取备份状况失败" description={status.error} />}

          {unopened ? [listCard, locationsCard] : [locationsCard, listCard]}
        </Flex>
      </Flex>
      {actions.dialogs}
      {picker.dialog}
      {otherFolder && <FolderBackupsDialog folder={otherFolder} onClose={() => setOtherFolder(null)} />}
    </div>
  );
}
