import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Flex, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { navigate, type PlanFocus } from '../router.ts';
import { MeasureTracker } from './MeasureTracker.tsx';
import { LedgerView } from './LedgerView.tsx';
import { DashboardView } from './DashboardView.tsx';
import { usePlanPage } from '../plans/plan-page.ts';
import './tracking.css';

export type TrackingTab = 'edit' | 'tracking' | 'ledger' | 'dashboard';

/**
 * The plan page's tabs: 编辑 (the outline editor, passed in by the plan view), 整改跟踪 (per-measure
 * progress and evidence), 台账, 进度看板. The editor stays mounted (its autosave queue must never be
 * torn down mid-save); the tracking views mount when opened, so each shows fresh data.
 */
export function TrackingTabs({ planId, title, editor, focus }: { planId: string; title: string; editor: ReactNode; focus?: PlanFocus | undefined }) {
  const [tab, setTab] = useState<TrackingTab>(focus?.tab ?? 'edit');
  const [measure, setMeasure] = useState<string | null>(focus?.tab === 'tracking' ? focus.nodeId : null);
  // The tracking views read the stored plan when they open: they wait until the editor has stored
  // what was just typed (a conflict with another window is shown in the editor; open them anyway).
  const [saving, setSaving] = useState(false);
  const switchId = useRef(0);
  const page = usePlanPage();
  useEffect(() => page.attachTabs({ showEditor: () => setTab('edit') }), [page]);
  const changeTab = (next: TrackingTab): void => {
    const id = ++switchId.current;
    setTab(next);
    if (next === 'edit') {
      setSaving(false);
      return;
    }
    setSaving(true);
    void page
      .saveEdits()
      .catch(() => undefined)
      .finally(() => {
        if (id === switchId.current) setSaving(false);
      });
  };
  const openMeasure = (id: string): void => {
    setMeasure(id);
    setTab('tracking');
  };
  // An address naming a place in this plan (a row of the 工作台, a search hit): open it, also when the
  // page is already on screen. The first one was taken as the initial state above.
  const focusKey = focus ? `${focus.tab}:${focus.nodeId}:${focus.visit}` : null;
  const shownFocus = useRef(focusKey);
  const [opened, setOpened] = useState(0);
  const openPlace = (place: PlanFocus): void => {
    if (place.tab === 'tracking') {
      setMeasure(place.nodeId);
      // Opened again (the same hit clicked twice): select it anew even if another row was picked meanwhile.
      setOpened((n) => n + 1);
    }
    changeTab(place.tab);
  };
  useEffect(() => {
    if (!focus) return;
    if (focus.tab === 'edit') page.showNode(focus.nodeId);
    if (focusKey === shownFocus.current) return;
    shownFocus.current = focusKey;
    openPlace(focus);
    // openPlace is a plain function of this render; the key says when the address changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey, page]);
  const head = (
    <Flex align="center" gap={12} className="page-head">
      <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => navigate({ name: 'list' })}>
        返回方案列表
      </Button>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
    </Flex>
  );
  const view = (key: TrackingTab, content: ReactNode): ReactNode =>
    tab === key ? (
      <div className="tracking-view">
        {head}
        {saving ? (
          <Spin tip="正在保存编辑页的修改…">
            <div className="tracking-saving" />
          </Spin>
        ) : (
          content
        )}
      </div>
    ) : null;
  return (
    <Tabs
      className="tracking-tabs"
      size="small"
      activeKey={tab}
      onChange={(k) => changeTab(k as TrackingTab)}
      items={[
        { key: 'edit', label: '编辑', children: editor },
        { key: 'tracking', label: '整改跟踪', children: view('tracking', <MeasureTracker key={`${measure ?? ''}:${opened}`} planId={planId} initialMeasureId={measure} />) },
        { key: 'ledger', label: '台账', children: view('ledger', <LedgerView planId={planId} />) },
        { key: 'dashboard', label: '进度看板', children: view('dashboard', <DashboardView planId={planId} onOpenMeasure={openMeasure} />) },
      ]}
    />
  );
}
