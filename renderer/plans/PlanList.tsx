import { useState } from 'react';
import { App as AntApp, Alert, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { PlanSummary } from '../../shared/api/plans.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { NewPlanDialog } from '../templates/NewPlanDialog.tsx';
import { ExportPackageButton, ImportPackageButton } from '../exchange/PackageActions.tsx';
import { BackupBanner } from '../backup/BackupBanner.tsx';
import { FolderBackupsDialog } from '../backup/FolderBackupsDialog.tsx';
import { useFolderPicker } from '../backup/use-folder-picker.tsx';

/** 方案列表: the home screen. */
export function PlanList() {
  const { message } = AntApp.useApp();
  const plans = useQuery(() => api.send('plans.list', {}), []);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<PlanSummary | null>(null);
  // 从备份恢复 on a fresh install: the folder 导出工作台 wrote on the old PC (or a USB drive of backups).
  const picker = useFolderPicker();
  const [restoreFrom, setRestoreFrom] = useState<string | null>(null);
  const restoreFromBackup = async (): Promise<void> => {
    const folder = await picker.pick('从备份恢复：选择备份所在的文件夹', '输入备份所在的文件夹（“导出工作台”时选择的文件夹，或 U 盘上的备份文件夹）。');
    if (folder) setRestoreFrom(folder);
  };

  const act = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await work();
      message.success(done);
      await plans.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div className="page">
      <Flex justify="space-between" align="center" className="page-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          方案列表
        </Typography.Title>
        <Space>
          <ImportPackageButton onImported={() => void plans.reload()} />
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            新建方案
          </Button>
        </Space>
      </Flex>
      <BackupBanner />
      {plans.error && <Alert type="error" showIcon title="读取方案列表失败" description={plans.error} />}
      <Table<PlanSummary>
        rowKey="id"
        loading={plans.loading}
        dataSource={plans.data ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty description="还没有方案。点击“新建方案”开始起草；换了新电脑，可以从备份恢复原来的工作台。">
              <Button onClick={() => void restoreFromBackup()}>从备份恢复</Button>
            </Empty>
          ),
        }}
        columns={[
          {
            title: '方案标题',
            dataIndex: 'title',
            render: (title: string, plan) => (
              <Typography.Link href={`#/plan/${encodeURIComponent(plan.id)}`}>{title}</Typography.Link>
            ),
          },
          { title: '整改措施', dataIndex: 'measureCount', width: 100, render: (n: number) => `${n} 项` },
          { title: '最后修改', dataIndex: 'updatedAt', width: 170, render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          {
            title: '操作',
            width: 320,
            render: (_: unknown, plan) => (
              <Space size="small">
                <ExportPackageButton plan={plan} />
                <Button size="small" onClick={() => setRenaming(plan)}>
                  重命名
                </Button>
                <Button size="small" onClick={() => void act(() => api.send('plans.duplicate', { id: plan.id }), '已复制')}>
                  复制
                </Button>
                <Popconfirm
                  title="删除方案"
                  description={`确定删除“${plan.title}”吗？删除后无法恢复。`}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => act(() => api.send('plans.delete', { id: plan.id }), '已删除')}
                >
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <NewPlanDialog open={creating} onClose={() => setCreating(false)} />
      {picker.dialog}
      {restoreFrom && <FolderBackupsDialog folder={restoreFrom} onClose={() => setRestoreFrom(null)} />}
      <TitleDialog
        open={renaming !== null}
        heading="重命名方案"
        okText="确定"
        initial={renaming?.title ?? ''}
        onCancel={() => setRenaming(null)}
        onSubmit={async (title) => {
          if (!renaming) return;
          await api.send('plans.rename', { id: renaming.id, title });
          setRenaming(null);
          message.success('已重命名');
          await plans.reload();
        }}
      />
    </div>
  );
}

function TitleDialog(props: {
  open: boolean;
  heading: string;
  okText: string;
  initial: string;
  onCancel: () => void;
  onSubmit: (title: string) => Promise<void>;
}) {
  const [form] = Form.useForm<{ title: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={props.open}
      title={props.heading}
      okText={props.okText}
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={() => setError(null)}
      onCancel={props.onCancel}
      onOk={async () => {
        const { title } = await form.validateFields();
        setBusy(true);
        try {
          await props.onSubmit(title.trim());
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ title: props.initial }}>
        <Form.Item
          label="方案标题"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请输入方案标题' }, { max: 200, message: '标题不能超过200字' }]}
        >
          <Input placeholder="例如：关于2025年度民主生活会查摆问题的整改方案" autoFocus />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
