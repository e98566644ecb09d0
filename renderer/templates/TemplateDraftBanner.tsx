import { useState } from 'react';
import { App as AntApp, Alert, Button, Popconfirm, Space } from 'antd';
import { CloseOutlined, SaveOutlined } from '@ant-design/icons';
import type { TemplateDraft } from '../../shared/api/template-edit.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { navigate } from '../router.ts';
import { usePlanPage } from '../plans/plan-page.ts';
import './templates.css';

/**
 * Whether the plan on this page is the working plan of 修改模板内容: the draft, null for an ordinary
 * plan (or when it cannot be told), undefined while asking — the page waits, so no banner appears
 * later and moves the editor under the user's click.
 */
export function useTemplateDraft(planId: string): TemplateDraft | null | undefined {
  const draft = useQuery(() => api.send('templates.draftForPlan', { planId }), [planId]);
  if (draft.loading) return undefined;
  return draft.data ?? null;
}

/**
 * Above the editor while a template's content is edited: says so, and offers 保存到模板 and
 * 放弃修改. Both first let the editor store what it still holds; both remove the working plan.
 * Leaving without either keeps the draft: the template's card in 新建方案 continues it.
 */
export function TemplateDraftBanner({ draft }: { draft: TemplateDraft }) {
  const { message } = AntApp.useApp();
  const page = usePlanPage();
  const [busy, setBusy] = useState<'save' | 'discard' | null>(null);
  const name = draft.templateName ?? '（已删除的模板）';

  const finish = async (how: 'save' | 'discard'): Promise<void> => {
    setBusy(how);
    try {
      // Every keystroke must be in the working plan before it is copied into the template.
      if (how === 'save') await page.saveEdits();
      else await page.saveEdits().catch(() => undefined);
      if (how === 'save') {
        const saved = await api.send('templates.updateFromPlan', { templateId: draft.templateId, planId: draft.planId });
        message.success(`已保存到模板“${saved.name}”，新建方案时即按新内容生成`);
      } else {
        await api.send('templates.discardDraft', { planId: draft.planId });
        message.info(`已放弃对模板“${name}”的修改`);
      }
      navigate({ name: 'list' });
    } catch (err) {
      message.error(errorMessage(err));
      setBusy(null);
    }
  };

  return (
    <Alert
      className="template-draft-banner"
      type="warning"
      showIcon
      role="region"
      aria-label="模板编辑"
      title={
        <span>
          正在编辑模板“{name}”
          <span className="template-draft-note">
            这是模板的工作稿，不在方案列表中；{'{单位}'}等占位符保留为模板变量。
            {draft.templateChanged ? '模板在此期间被修改过，保存将以此稿内容为准。' : ''}
          </span>
        </span>
      }
      action={
        <Space size={6}>
          <Button
            type="primary"
            size="small"
            icon={<SaveOutlined aria-hidden />}
            loading={busy === 'save'}
            disabled={busy !== null || draft.templateName === null}
            onClick={() => void finish('save')}
          >
            保存到模板
          </Button>
          <Popconfirm
            title="放弃修改"
            description="放弃后模板保持原样，这份工作稿将被删除。"
            okText="放弃修改"
            okButtonProps={{ danger: true }}
            cancelText="继续编辑"
            onConfirm={() => finish('discard')}
          >
            <Button size="small" danger icon={<CloseOutlined aria-hidden />} loading={busy === 'discard'} disabled={busy !== null}>
              放弃修改
            </Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}
