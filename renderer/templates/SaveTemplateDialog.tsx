import { useState } from 'react';
import { App as AntApp, Alert, Form, Input, Modal } from 'antd';
import { api, errorMessage } from '../api/client.ts';

/** 另存为模板: the plan's structure and wording become a user template offered by 新建方案. */
export function SaveTemplateDialog(props: { open: boolean; planId: string; defaultName: string; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ name: string; purpose: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={props.open}
      title="另存为模板"
      okText="保存为模板"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={props.onClose}
      afterOpenChange={() => setError(null)}
      onOk={async () => {
        // A field that fails validation shows its own message; the rejection is not an error of the page.
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        setBusy(true);
        try {
          await api.send('templates.saveFromPlan', { planId: props.planId, name: values.name.trim(), purpose: values.purpose?.trim() ?? '' });
          message.success('已另存为模板，新建方案时可以选用');
          props.onClose();
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ name: props.defaultName.slice(0, 60), purpose: '' }}>
        <Form.Item label="模板名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入模板名称' }, { max: 60, message: '模板名称不能超过60字' }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item label="用途说明" name="purpose" rules={[{ max: 200, message: '用途说明不能超过200字' }]}>
          <Input placeholder="一句话说明何时使用，如：本单位年度民主生活会整改方案" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
