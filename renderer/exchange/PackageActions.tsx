import { useState } from 'react';
import { Alert, App as AntApp, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { PickedFile } from '../../shared/api/bridge.ts';
import type { PackageDifference, PackageInfo } from '../../shared/api/exchange.ts';
import type { PlanSummary } from '../../shared/api/plans.ts';
import { api, errorMessage } from '../api/client.ts';
import { chooseSavePath, openFiles } from '../api/platform.ts';
import { downloadFromHost, isBrowserHost } from '../evidence/transfer.ts';
import { safeFileName } from '../../shared/progress/evidence-names.ts';
import { navigate } from '../router.ts';

/**
 * 导出方案包 / 导入方案包: a plan moves to another PC as one .rectify file. Importing shows what the file
 * holds; a plan already here is compared measure by measure, and the user keeps both or takes the
 * package's side of the differences chosen (the newer side is ticked).
 */

const FILTERS = [{ name: '方案包', extensions: ['rectify'] }];

export function ExportPackageButton({ plan, type = 'default' }: { plan: PlanSummary; type?: 'default' | 'link' }) {
  const { message, notification } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      if (isBrowserHost()) {
        message.success(`已导出：${await downloadFromHost('plan-package', { planId: plan.id })}`);
        return;
      }
      const output = await chooseSavePath({ title: '导出方案包', defaultName: safeFileName(`${plan.title}.rectify`), filters: FILTERS });
      if (!output) return;
      const r = await api.send('exchange.pack', { planId: plan.id, output });
      message.success(`已导出方案包（措施${r.measures}项，佐证材料${r.attachments}个）：${r.path}`);
    } catch (err) {
      notification.error({ title: '导出方案包失败', description: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" type={type} loading={busy} onClick={() => void run()} aria-label={`导出方案包：${plan.title}`}>
      导出方案包
    </Button>
  );
}

const KIND_LABELS: Record<PackageDifference['kind'], string> = { changed: '有改动', added: '方案包中新增', removed: '仅本机有（保留）', header: '方案信息' };

export function ImportPackageButton({ onImported }: { onImported: () => void }) {
  const { message } = AntApp.useApp();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [info, setInfo] = useState<PackageInfo | null>(null);
  const [take, setTake] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = (): void => {
    setFile(null);
    setInfo(null);
    setError(null);
  };

  const choose = async (): Promise<void> => {
    const [picked] = await openFiles({ title: '选择方案包', filters: FILTERS, multiple: false });
    if (!picked) return;
    setFile(picked);
    setInfo(null);
    setError(null);
    setBusy('inspect');
    try {
      const i = await api.send('exchange.inspect', { fileName: picked.name, dataBase64: picked.dataBase64 });
      setInfo(i);
      setTake(i.differences.filter((d) => d.choosable && d.newer === 'package').map((d) => d.nodeId));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const unpack = async (mode: 'auto' | 'copy' | 'merge'): Promise<void> => {
    if (!file) return;
    setBusy(mode);
    setError(null);
    try {
      const r = await api.send('exchange.unpack', { fileName: file.name, dataBase64: file.dataBase64, mode, ...(mode === 'merge' ? { take } : {}) });
      message.success(r.created ? `已导入方案：${r.title}` : `已采用方案包中的${r.applied}处内容（可撤销）`);
      close();
      onImported();
      navigate({ name: 'plan', id: r.planId });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button icon={<InboxOutlined aria-hidden />} loading={busy === 'inspect'} onClick={() => void choose()}>
        导入方案包
      </Button>
      {file && (info || error) && (
        <Modal
          open
          title="导入方案包"
          width={info?.exists ? 980 : 560}
          onCancel={close}
          destroyOnHidden
          footer={
            info === null ? (
              <Button onClick={close}>关闭</Button>
            ) : info.exists ? (
              <Space>
                <Button onClick={close}>取消</Button>
                <Button loading={busy === 'copy'} onClick={() => void unpack('copy')}>
                  保留两份（另存为新方案）
                </Button>
                <Button type="primary" loading={busy === 'merge'} disabled={take.length === 0} onClick={() => void unpack('merge')}>
                  采用方案包中所选的{take.length}处
                </Button>
              </Space>
            ) : (
              <Space>
                <Button onClick={close}>取消</Button>
                <Button type="primary" loading={busy === 'auto'} onClick={() => void unpack('auto')}>
                  导入
                </Button>
              </Space>
            )
          }
        >
          {info && (
            <Typography.Paragraph>
              《{info.title}》：措施{info.measures}项，佐证材料{info.attachments}个，历史版本{info.revisions}个（{file.name}）。
              {info.exists
                ? info.differences.length === 0
                  ? '本机已有这份方案，内容与方案包相同。'
                  : `本机已有这份方案，有${info.differences.length}处不同。勾选要采用方案包内容的各项（已勾选方案包较新的），或保留两份。`
                : '本机还没有这份方案，将作为新方案导入。'}
            </Typography.Paragraph>
          )}
          {info?.exists && info.differences.length > 0 && (
            <Table<PackageDifference>
              size="small"
              bordered
              rowKey="nodeId"
              aria-label="方案包差异"
              dataSource={info.differences}
              pagination={false}
              scroll={{ y: 400 }}
              rowSelection={{
                selectedRowKeys: take,
                onChange: (keys) => setTake(keys.map(String)),
                getCheckboxProps: (d) => ({ disabled: !d.choosable, 'aria-label': `采用方案包中的${d.label}` }),
              }}
              columns={[
                { key: 'label', title: '内容', width: 240, render: (_, d) => d.label },
                { key: 'kind', title: '差异', width: 200, render: (_, d) => `${KIND_LABELS[d.kind]}${d.fields.length ? `：${d.fields.join('、')}` : ''}` },
                { key: 'local', title: '本机', render: (_, d) => d.local ?? '—' },
                { key: 'incoming', title: '方案包', render: (_, d) => d.incoming ?? '—' },
                {
                  key: 'newer',
                  title: '较新',
                  width: 90,
                  render: (_, d) => (d.newer === 'package' ? <Tag color="blue">方案包</Tag> : d.newer === 'local' ? <Tag>本机</Tag> : '相同'),
                },
              ]}
            />
          )}
          {error && <Alert type="error" showIcon title={error} />}
        </Modal>
      )}
    </>
  );
}
