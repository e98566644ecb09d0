import { useState } from 'react';
import { Alert, Button, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { today } from '../progress/labels.ts';
import { NewPlanDialog } from '../templates/NewPlanDialog.tsx';
import { PlanList } from '../plans/PlanList.tsx';
import { ImportPackageButton } from '../exchange/PackageActions.tsx';
import { BackupBanner } from '../backup/BackupBanner.tsx';
import { FolderBackupsDialog } from '../backup/FolderBackupsDialog.tsx';
import { useFolderPicker } from '../backup/use-folder-picker.tsx';
import { DuePanels } from './DuePanels.tsx';
import { DepartmentPanel } from './DepartmentPanel.tsx';
import './home.css';

/**
 * The 工作台: what is overdue or due soon in every plan, the departments' numbers, and the plans with
 * their progress. One read (workbench.overview) for all of it; archived plans only on request.
 */
export function HomePage() {
  const [showArchived, setShowArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const date = today();
  const overview = useQuery(() => api.send('workbench.overview', { today: date, includeArchived: showArchived }), [showArchived, tick, date]);
  const data = overview.data;
  const hasActive = data !== undefined && data.plans.some((p) => !p.archived);
  // 从备份恢复 on a fresh install: the folder 导出工作台 wrote on the old PC (or a USB drive of backups).
  const picker = useFolderPicker();
  const [restoreFrom, setRestoreFrom] = useState<string | null>(null);
  const restoreFromBackup = async (): Promise<void> => {
    const folder = await picker.pick('从备份恢复：选择备份所在的文件夹', '输入备份所在的文件夹（“导出工作台”时选择的文件夹，或 U 盘上的备份文件夹）。');
    if (folder) setRestoreFrom(folder);
  };

  return (
    <div className="page page-home">
      <Flex justify="space-between" align="center" className="page-head">
        <Typography.Title level={2} style={{ margin: 0, fontSize: 22 }}>
          工作台
        </Typography.Title>
        <Space>
          <ImportPackageButton onImported={() => void overview.reload()} />
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            新建方案
          </Button>
        </Space>
      </Flex>
      <BackupBanner />
      {overview.error && <Alert type="error" showIcon title="读取工作台失败" description={overview.error} style={{ marginBottom: 16 }} />}
      {data && hasActive && (
        <Row gutter={16} className="home-panels">
          <Col span={16}>
            <DuePanels key={tick} overview={data} onSettingsChanged={() => setTick((t) => t + 1)} />
          </Col>
          <Col span={8}>
            <DepartmentPanel departments={data.byDepartment} />
          </Col>
        </Row>
      )}
      <PlanList
        plans={data?.plans ?? []}
        loading={overview.loading || data === undefined}
        today={data?.today ?? date}
        reload={overview.reload}
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        archivedCount={data?.archivedCount ?? 0}
        empty={<FirstSteps archived={data?.archivedCount ?? 0} onRestore={() => void restoreFromBackup()} />}
      />
      <NewPlanDialog open={creating} onClose={() => setCreating(false)} />
      {picker.dialog}
      {restoreFrom && <FolderBackupsDialog folder={restoreFrom} onClose={() => setRestoreFrom(null)} />}
    </div>
  );
}

/** An empty workbook says what to do first; the buttons it names are the ones on this page. */
function FirstSteps({ archived, onRestore }: { archived: number; onRestore: () => void }) {
  return (
    <Empty
      className="first-steps"
      description={
        <div>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {archived > 0 ? `还没有方案在办（已归档 ${archived} 个）。` : '还没有方案。'}
          </Typography.Paragraph>
          <ol className="first-steps-list">
            <li>起草新方案：点击右上方的“新建方案”，选择民主生活会、巡察反馈、审计等模板，填写单位和年度。</li>
            <li>已有 Word 或文本的方案：点击页面顶部的“导入”，选择文件或粘贴文字，核对无误后保存为方案。</li>
            <li>方案有了整改措施后，这里会列出已逾期、7天内到期和本月到期的事项，以及各责任部门的完成情况。</li>
            <li>换了新电脑：点击下面的“从备份恢复”，选择原来导出的工作台备份（或 U 盘上的备份文件夹）。</li>
          </ol>
        </div>
      }
    >
      <Button onClick={onRestore}>从备份恢复</Button>
    </Empty>
  );
}
