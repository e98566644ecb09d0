import { useMemo } from 'react';
import { Alert, Button, Flex, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { navigate, type PlanFocus } from '../router.ts';
import { PlanEditor } from '../editor/PlanEditor.tsx';
import { TrackingTabs } from '../progress/TrackingTabs.tsx';
import { ExportDocxButton } from '../export/ExportDialog.tsx';
import { createPlanPage, PlanPageContext } from './plan-page.ts';
import { TemplateDraftBanner, useTemplateDraft } from '../templates/TemplateDraftBanner.tsx';

/**
 * One plan: the editor and the tracking tabs. Buttons that act on the whole plan (导出 Word …) go into
 * `actions`. Anything that reads the stored plan (exports, the tracking views) first awaits
 * `usePlanPage().saveEdits()`, which the editor answers once its save queue is empty.
 */
export function PlanView({ id, focus }: { id: string; focus?: PlanFocus | undefined }) {
  const plan = useQuery(() => api.send('plans.get', { id }), [id]);
  // One per plan: the editor attaches how to store its pending edits; the exports wait for that.
  const page = useMemo(() => createPlanPage(), [id]); // eslint-disable-line react-hooks/exhaustive-deps -- a fresh one per plan
  // Plan-level buttons other features add (导出 Word …) belong here; they appear in the editor toolbar.
  const actions = <ExportDocxButton planId={id} />;
  // 修改模板内容 edits a template through a working plan: the banner says so and saves it back.
  const templateDraft = useTemplateDraft(id);
  if (plan.data && templateDraft !== undefined) {
    return (
      <PlanPageContext.Provider value={page}>
        <div className="page page-editor">
          {templateDraft && <TemplateDraftBanner draft={templateDraft} />}
          {/* A template has no progress to track: its working plan gets the editor alone. */}
          {templateDraft ? (
            <PlanEditor key={plan.data.id} plan={plan.data} actions={actions} />
          ) : (
            <TrackingTabs
              planId={plan.data.id}
              title={plan.data.title}
              focus={focus}
              editor={<PlanEditor key={plan.data.id} plan={plan.data} actions={actions} />}
            />
          )}
        </div>
      </PlanPageContext.Provider>
    );
  }
  return (
    <div className="page">
      <Flex align="center" gap={12} className="page-head">
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate({ name: 'list' })}>
          返回方案列表
        </Button>
        <Typography.Title level={3} style={{ margin: 0 }}>
          方案
        </Typography.Title>
      </Flex>
      {plan.error && <Alert type="error" showIcon title="无法打开方案" description={plan.error} />}
      {plan.loading && <Skeleton active />}
    </div>
  );
}
