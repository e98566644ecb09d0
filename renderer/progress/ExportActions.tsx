import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Space } from 'antd';
import { DownOutlined, ExportOutlined, FileWordOutlined, FolderOpenOutlined } from '@ant-design/icons';
import type { LedgerColumnSet } from '../../shared/api/progress.ts';
import type { TaskProgress } from '../../shared/api/task-progress.ts';
import { api, errorMessage } from '../api/client.ts';
import { progressLabel } from '../components/task-progress.ts';
import { chooseSavePath, saveFile } from '../api/platform.ts';
import { navigate } from '../router.ts';
import { downloadFromHost, isBrowserHost } from '../evidence/transfer.ts';
import { VerifyButton } from '../evidence/VerifyButton.tsx';
import { usePlanPage } from '../plans/plan-page.ts';
import { ReportExportDialog } from '../export/ExportDialog.tsx';

/**
 * The tracking documents: the ledger as .xlsx / .docx (bytes from the service, saved through the
 * platform's save dialog or download), the 整改落实情况报告 (a Word file, or a new editable plan), and
 * the evidence package (.zip). The report and the package are built by the host, which streams them.
 * The report's 发文设置 (a 报告 with 版头, 签发人, 主送, 版记) are set in the export dialog, which exports it too.
 */
export function ExportActions({ planId, columnSet }: { planId: string; columnSet: LedgerColumnSet }) {
  const { message, modal, notification } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  // The evidence package copies every file: the desktop app counts them on the button.
  const [packageProgress, setPackageProgress] = useState<TaskProgress | null>(null);
  const [reportDialog, setReportDialog] = useState(false);
  const page = usePlanPage();

  const run = async (key: string, work: () => Promise<void>): Promise<void> => {
    setBusy(key);
    try {
      // The files are built from the stored plan: what the editor still holds is stored first.
      await page.saveEdits();
      await work();
    } catch (err) {
      notification.error({ title: '导出失败', description: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const exportLedger = (format: 'xlsx' | 'docx') =>
    run(`ledger-${format}`, async () => {
      const file = await api.send('progress.ledgerFile', { planId, format, columnSet });
      const saved = await saveFile({
        title: '导出整改台账',
        defaultName: file.fileName,
        filters: [format === 'xlsx' ? { name: 'Excel 工作簿', extensions: ['xlsx'] } : { name: 'Word 文档', extensions: ['docx'] }],
        dataBase64: file.dataBase64,
      });
      if (saved) message.success(`已导出：${file.fileName}`);
    });

  const generateReport = () =>
    run('report-plan', async () => {
      const summary = await api.send('progress.generateReport', { planId });
      modal.success({
        title: '已生成整改落实情况报告',
        content: `《${summary.title}》已保存为新的方案，可以像其他方案一样修改后导出。`,
        okText: '打开报告',
        closable: true,
        onOk: () => navigate({ name: 'plan', id: summary.id }),
      });
    });

  const exportReport = () =>
    run('report-docx', async () => {
      if (!isBrowserHost()) {
        const output = await chooseSavePath({
          title: '导出整改落实情况报告',
          defaultName: '整改落实情况报告.docx',
          filters: [{ name: 'Word 文档', extensions: ['docx'] }],
        });
        if (!output) return;
        const result = await api.send('progress.exportReport', { planId, output });
        message.success(`已导出：${result.path}`);
        return;
      }
      const name = await downloadFromHost('report', { planId });
      message.success(`已导出：${name}`);
    });

  const exportPackage = () =>
    run('package', async () => {
      if (!isBrowserHost()) {
        const output = await chooseSavePath({
          title: '导出佐证材料包',
          defaultName: '佐证材料.zip',
          filters: [{ name: 'ZIP 压缩包', extensions: ['zip'] }],
        });
        if (!output) return;
        try {
          await api.send('evidence.exportPackage', { planId, output, format: 'zip' }, { onProgress: setPackageProgress });
        } finally {
          setPackageProgress(null);
        }
        message.success(`已导出：${output}`);
        return;
      }
      const name = await downloadFromHost('evidence-package', { planId });
      message.success(`已导出：${name}`);
    });

  return (
    <Space wrap>
      <Dropdown
        menu={{
          items: [
            { key: 'xlsx', label: '导出为 Excel（.xlsx）' },
            { key: 'docx', label: '导出为 Word（.docx）' },
          ],
          onClick: ({ key }) => void exportLedger(key as 'xlsx' | 'docx'),
        }}
      >
        <Button icon={<ExportOutlined aria-hidden />} loading={busy?.startsWith('ledger') ?? false}>
          导出台账 <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      <Dropdown
        menu={{
          items: [
            { key: 'docx', label: '导出报告为 Word（.docx）' },
            { key: 'issue', label: '报告发文设置（版头、签发人、版记）…' },
            { key: 'plan', label: '生成可编辑的报告' },
          ],
          onClick: ({ key }) => {
            if (key === 'issue') setReportDialog(true);
            else void (key === 'docx' ? exportReport() : generateReport());
          },
        }}
      >
        <Button icon={<FileWordOutlined aria-hidden />} loading={busy?.startsWith('report') ?? false}>
          整改落实情况报告 <DownOutlined aria-hidden />
        </Button>
      </Dropdown>
      <Button icon={<FolderOpenOutlined aria-hidden />} loading={busy === 'package'} onClick={() => void exportPackage()}>
        {(busy === 'package' && progressLabel(packageProgress)) || '导出佐证材料包'}
      </Button>
      <VerifyButton />
      {reportDialog && <ReportExportDialog planId={planId} onClose={() => setReportDialog(false)} />}
    </Space>
  );
}
