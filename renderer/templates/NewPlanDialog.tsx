import { useState } from 'react';
import { App as AntApp, Alert, Button, Checkbox, Empty, Form, Input, Modal, Popconfirm, Skeleton, Tooltip, Typography } from 'antd';
import { CopyOutlined, DeleteOutlined, EditOutlined, FileAddOutlined, FormOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { TemplateSummary } from '../../shared/api/editor.ts';
import type { TemplateVariable } from '../../shared/templates/format.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { navigate } from '../router.ts';
import './templates.css';

const BLANK = '__blank__';

/** What a variable starts with: its own default, else this year / today for 年度 and 成文日期. */
export function initialValue(v: TemplateVariable, now = dayjs()): string {
  if (v.defaultValue) return v.defaultValue;
  if (v.input === 'year' || v.name === '年度') return String(now.year());
  if (v.input === 'date' || v.name === '成文日期') return `${now.year()}年${now.month() + 1}月${now.date()}日`;
  return '';
}

/**
 * 新建方案: pick a template (cards with name and purpose), fill its variables, 创建 → the plan opens
 * with its skeleton and title; what was left blank stays as highlighted placeholders.
 */
export function NewPlanDialog(props: { open: boolean; onClose: () => void; onCreated?: () => void }) {
  const { message } = AntApp.useApp();
  const templates = useQuery(() => (props.open ? api.send('templates.list', {}) : Promise.resolve([] as TemplateSummary[])), [props.open]);
  const [selected, setSelected] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, string>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<TemplateSummary | null>(null);
  // Unfinished 修改模板内容 (a closed window, a crash): the card says so and continues it.
  const drafts = useQuery(() => (props.open ? api.send('templates.drafts', {}) : Promise.resolve([])), [props.open]);
  const draftOf = (templateId: string) => drafts.data?.find((d) => d.templateId === templateId) ?? null;

  const close = (): void => {
    setSelected(null);
    setError(null);
    props.onClose();
  };

  const template = templates.data?.find((t) => t.id === selected) ?? null;
  const builtin = templates.data?.filter((t) => t.builtin) ?? [];
  const mine = templates.data?.filter((t) => !t.builtin) ?? [];

  const pick = (id: string): void => {
    setSelected(id);
    setError(null);
  };

  const create = async (): Promise<void> => {
    if (!selected) {
      setError('请先选择一个模板');
      return;
    }
    // A field that fails validation shows its own message; the rejection is not an error of the page.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setBusy(true);
    try {
      if (selected === BLANK) {
        const plan = await api.send('plans.create', { title: String(values['方案标题'] ?? '').trim() });
        close();
        navigate({ name: 'plan', id: plan.id });
      } else {
        const variables = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '').trim()]).filter(([, v]) => v !== ''));
        const result = await api.send('templates.instantiate', { templateId: selected, variables });
        close();
        if (result.unfilled.length > 0) message.info(`方案已创建，尚有待填写的内容（已高亮）：${result.unfilled.slice(0, 6).join('、')}`);
        navigate({ name: 'plan', id: result.plan.id });
      }
      props.onCreated?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  /** 修改模板内容: the template opens in the plan editor as a working plan (or the unfinished one continues). */
  const editContent = async (t: TemplateSummary): Promise<void> => {
    try {
      const opened = await api.send('templates.openDraft', { templateId: t.id });
      close();
      if (opened.resumed) message.info(`继续上次未完成的修改：模板“${t.name}”`);
      navigate({ name: 'plan', id: opened.plan.id });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  /** 复制为我的模板: built-ins are read-only; their copy can be edited. */
  const copy = async (t: { id: string; name: string }): Promise<void> => {
    try {
      const copied = await api.send('templates.copy', { id: t.id });
      message.success(`已复制为我的模板“${copied.name}”，可修改其内容`);
      await templates.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const card = (t: { id: string; name: string; purpose: string }, user: TemplateSummary | null) => {
    const draft = user ? draftOf(t.id) : null;
    return (
      <div key={t.id} className={`template-card${selected === t.id ? ' selected' : ''}`}>
        <button
          type="button"
          className="template-pick"
          aria-pressed={selected === t.id}
          onClick={() => pick(t.id)}
        >
          <span className="template-name" style={user ? { paddingRight: 84 } : undefined}>
            {t.name}
          </span>
          <span className="template-purpose">{t.purpose || '（未填写用途）'}</span>
        </button>
        {draft && <div className="template-draft-tag">有未保存的内容修改，点“修改模板内容”继续</div>}
        {user && (
          <div className="template-actions">
            <Button size="small" type="text" icon={<EditOutlined aria-hidden />} aria-label={`修改模板“${t.name}”`} onClick={() => setEditing(user)} />
            <Tooltip title={draft ? '继续修改模板内容' : '修改模板内容（骨架、措施、标题）'}>
              <Button size="small" type="text" icon={<FormOutlined aria-hidden />} aria-label={`修改模板内容“${t.name}”`} onClick={() => void editContent(user)} />
            </Tooltip>
              <Popconfirm
              title="删除模板"
              description={`确定删除模板“${t.name}”吗？已由它创建的方案不受影响。${draft ? '尚未保存的内容修改也将一并删除。' : ''}`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={async () => {
                try {
                  await api.send('templates.delete', { id: t.id });
                  if (selected === t.id) setSelected(null);
                  // The list first, then the word: "已删除" never shows beside the template it names.
                  await templates.reload();
                  message.success('已删除模板');
                } catch (err) {
                  message.error(errorMessage(err));
                }
              }}
            >
              <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除模板“${t.name}”`} />
            </Popconfirm>
          </div>
        )}
      </div>
    );
  };

  return (
    <Modal
      open={props.open}
      title="新建方案"
      width={960}
      okText="创建"
      cancelText="取消"
      okButtonProps={{ disabled: !selected, icon: <FileAddOutlined aria-hidden /> }}
      confirmLoading={busy}
      destroyOnHidden
      onCancel={close}
      onOk={() => void create()}
    >
      {templates.error && <Alert type="error" showIcon title="读取模板失败" description={templates.error} />}
      {/* The cards appear only once the list is in: a card must not move under the user's click. */}
      {templates.loading ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Text strong>选择模板</Typography.Text>
          <div className="template-grid" role="group" aria-label="内置模板">
            {builtin.map((t) => card(t, null))}
            {card({ id: BLANK, name: '空白方案', purpose: '不使用模板，从空白开始起草' }, null)}
          </div>
          {mine.length > 0 && (
            <>
              <Typography.Text strong>我的模板</Typography.Text>
              <div className="template-grid" role="group" aria-label="我的模板">
                {mine.map((t) => card(t, t))}
              </div>
            </>
          )}
          {templates.data && templates.data.length === 0 && !templates.error && <Empty description="没有可用的模板，可选择空白方案" />}
        </>
      )}
      {selected && (
        <div className="template-vars">
          <div className="template-vars-head">
            <Typography.Text strong>{selected === BLANK ? '方案标题' : `填写“${template?.name ?? ''}”的基本信息`}</Typography.Text>
            {template && (
              <Tooltip title={template.builtin ? '内置模板不能修改；复制后可在“我的模板”中修改其内容' : '复制一份，修改副本而不动原模板'}>
                <Button size="small" icon={<CopyOutlined aria-hidden />} onClick={() => void copy(template)}>
                  复制为我的模板
                </Button>
              </Tooltip>
            )}
          </div>
          {template && (
            <div className="muted small">
              标题：{template.titlePattern}。不填的内容会以 {'{…}'} 形式留在方案中并高亮，稍后可补。
            </div>
          )}
          <Form
            key={selected}
            form={form}
            layout="vertical"
            preserve={false}
            className="vars-form"
            initialValues={Object.fromEntries((template?.variables ?? []).map((v) => [v.name, initialValue(v)]))}
          >
            {selected === BLANK && (
              <Form.Item
                label="方案标题"
                name="方案标题"
                rules={[{ required: true, whitespace: true, message: '请输入方案标题' }, { max: 200, message: '标题不能超过200字' }]}
              >
                <Input placeholder="例如：关于2025年度民主生活会查摆问题的整改方案" autoFocus />
              </Form.Item>
            )}
            {template?.variables.map((v, i) => (
              <Form.Item
                key={v.name}
                label={v.name}
                name={v.name}
                extra={v.hint || undefined}
                rules={v.required ? [{ required: true, whitespace: true, message: `请填写${v.name}` }] : []}
              >
                {v.input === 'textarea' ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} autoFocus={i === 0} /> : <Input autoFocus={i === 0} />}
              </Form.Item>
            ))}
          </Form>
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} />}
      <EditTemplateDialog
        template={editing}
        onClose={() => setEditing(null)}
        onSaved={async () => {
          setEditing(null);
          await templates.reload();
        }}
      />
    </Modal>
  );
}

/** 修改模板: a user template's name, purpose and how 新建方案 asks for its variables. */
function EditTemplateDialog(props: { template: TemplateSummary | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const [form] = Form.useForm<{ name: string; purpose: string; variables: { hint: string; required: boolean }[] }>();
  const [error, setError] = useState<string | null>(null);
  const variables = props.template?.variables ?? [];
  return (
    <Modal
      open={props.template !== null}
      title="修改模板"
      okText="保存"
      cancelText="取消"
      destroyOnHidden
      onCancel={props.onClose}
      afterOpenChange={() => setError(null)}
      onOk={async () => {
        if (!props.template) return;
        // A field that fails validation shows its own message; the rejection is not an error of the page.
        const values = await form.validateFields().catch(() => null);
        if (!values) return;
        try {
          await api.send('templates.update', { id: props.template.id, name: values.name.trim(), purpose: values.purpose?.trim() ?? '' });
          const edited = variables.map((v, i) => ({ name: v.name, hint: values.variables?.[i]?.hint ?? v.hint, required: values.variables?.[i]?.required ?? v.required }));
          if (edited.some((v, i) => v.hint.trim() !== variables[i]!.hint || v.required !== variables[i]!.required)) {
            await api.send('templates.updateVariables', { id: props.template.id, variables: edited });
          }
          await props.onSaved();
        } catch (err) {
          setError(errorMessage(err));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: props.template?.name ?? '',
          purpose: props.template?.purpose ?? '',
          variables: variables.map((v) => ({ hint: v.hint, required: v.required })),
        }}
      >
        <Form.Item label="模板名称" name="name" rules={[{ required: true, whitespace: true, message: '请输入模板名称' }, { max: 60, message: '模板名称不能超过60字' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="用途说明" name="purpose" rules={[{ max: 200, message: '用途说明不能超过200字' }]}>
          <Input />
        </Form.Item>
        {variables.length > 0 && (
          <div role="group" aria-label="新建方案时填写的变量" className="template-var-settings">
            <Typography.Text strong>新建方案时填写</Typography.Text>
            <div className="muted small">变量来自模板内容中的 {'{…}'} 占位符；要增减变量，请“修改模板内容”。</div>
            {variables.map((v, i) => (
              <div key={v.name} className="template-var-row">
                <span className="template-var-name">{v.name}</span>
                <Form.Item name={['variables', i, 'hint']} noStyle rules={[{ max: 100, message: '提示不能超过100字' }]}>
                  <Input size="small" aria-label={`“${v.name}”的填写提示`} placeholder="显示在输入框下方的提示" />
                </Form.Item>
                <Form.Item name={['variables', i, 'required']} noStyle valuePropName="checked">
                  <Checkbox aria-label={`“${v.name}”必填`}>必填</Checkbox>
                </Form.Item>
              </div>
            ))}
          </div>
        )}
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
