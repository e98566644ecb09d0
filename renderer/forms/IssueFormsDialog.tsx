import { useState } from 'react';
import { Alert, App as AntApp, DatePicker, Form, Modal, Segmented, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FORM_KIND_LABELS, type FormKind } from '../../shared/api/forms.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { saveFile } from '../api/platform.ts';

/**
 * 下发填报表: which form (进展填报表, or 征求措施表 while drafting), for which departments (all by default),
 * due when; the forms come as one .zip (one .xlsx per department) through the save dialog or a download.
 */
export function IssueFormsDialog({ planId, onClose }: { planId: string; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<FormKind>('progress');
  const info = useQuery(() => api.send('forms.departments', { planId, kind }), [planId, kind]);
  // Until the user picks: every department of the plan, due on the coming 20th.
  const [picked, setDepartments] = useState<string[] | null>(null);
  const [pickedDue, setDue] = useState<Dayjs | null>(null);
  const departments = picked ?? info.data?.departments.map((d) => d.name) ?? null;
  const due = pickedDue ?? (info.data ? dayjs(info.data.defaultDue) : null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rows = new Map((info.data?.departments ?? []).map((d) => [d.name, d.rows]));
  const issue = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      const file = await api.send('forms.issueFile', {
        planId,
        kind,
        ...(departments && departments.length > 0 ? { departments } : {}),
        ...(due ? { due: due.format('YYYY-MM-DD') } : {}),
      });
      const saved = await saveFile({ title: '下发填报表', defaultName: file.fileName, filters: [{ name: 'ZIP 压缩包', extensions: ['zip'] }], dataBase64: file.dataBase64 });
      if (saved) {
        await api.send('forms.confirmIssue', { token: file.token });
        message.success(`已生成${file.files.length}份${FORM_KIND_LABELS[kind]}：${file.fileName}`);
        onClose();
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="下发填报表"
      okText="生成并保存"
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: !departments || departments.length === 0 || !due }}
      onOk={() => void issue()}
      onCancel={onClose}
      width={620}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label="填报表">
          <Segmented<FormKind>
            aria-label="填报表类型"
            value={kind}
            onChange={(k) => {
              setKind(k);
              setDepartments(null);
            }}
            options={[
              { value: 'progress', label: '进展填报表（报送整改进展）' },
              { value: 'proposals', label: '征求措施表（起草时征求措施）' },
            ]}
          />
        </Form.Item>
        <Form.Item label="责任部门" extra={kind === 'proposals' ? '可输入方案中还没有的部门名称；没有负责问题的部门会收到全部问题。' : '每个部门一份，列出该部门负责的措施。'}>
          <Select
            mode={kind === 'proposals' ? 'tags' : 'multiple'}
            aria-label="下发的责任部门"
            placeholder="选择部门"
            value={departments ?? []}
            onChange={setDepartments}
            loading={info.loading}
            options={(info.data?.departments ?? []).map((d) => ({ value: d.name, label: `${d.name}（${d.rows}${kind === 'progress' ? '项措施' : '个问题'}）` }))}
          />
        </Form.Item>
        <Form.Item label="报送截止日期">
          <DatePicker aria-label="报送截止日期" value={due} onChange={setDue} allowClear={false} />
        </Form.Item>
      </Form>
      {info.data && info.data.unassigned > 0 && kind === 'progress' && (
        <Typography.Paragraph type="warning">有{info.data.unassigned}项措施没有填写责任部门，不会出现在任何填报表中。</Typography.Paragraph>
      )}
      {departments && departments.length > 0 && kind === 'progress' && (
        <Typography.Paragraph type="secondary">
          将生成{departments.length}份填报表，共{departments.reduce((n, d) => n + (rows.get(d) ?? 0), 0)}行。部门填好后，用“回收填报表”读回。
        </Typography.Paragraph>
      )}
      {info.error && <Alert type="error" showIcon title={info.error} />}
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
