import { emptyDocument, emptyMeasure, type DocNode, type MeasureFields, type PlanDocument } from '../../shared/domain/document.ts';
import type { AppUnderTest } from './harness.ts';

/**
 * A small approved plan for the tracking end-to-end tests: two problems, three measures with
 * departments, leaders and deadlines (one already past, one within the week, one long-term).
 */

function isoDaysFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function chinese(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日前`;
}

function measure(heading: string, fields: Partial<MeasureFields>): DocNode {
  return { kind: 'measure', heading, body: [], style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

export const PAST = isoDaysFromToday(-10);
export const SOON = isoDaysFromToday(3);

export function trackingPlan(): PlanDocument {
  const doc = emptyDocument('关于巡察反馈问题的整改方案', 'xunshi-xuncha');
  doc.sections = [
    {
      kind: 'section',
      heading: '理论学习不够深入',
      body: [],
      style: {},
      measure: null,
      problemKeys: [],
      children: [
        measure('落实第一议题制度', { leader: '党组书记', department: '办公室', deadline: chinese(PAST), deadlineKind: 'date', deadlineDate: PAST }),
        measure('开展专题读书班', { leader: '党组副书记', department: '机关党委', deadline: chinese(SOON), deadlineKind: 'date', deadlineDate: SOON }),
      ],
    },
    {
      kind: 'section',
      heading: '财务管理不够规范',
      body: [],
      style: {},
      measure: null,
      problemKeys: [],
      children: [measure('修订财务报销制度', { leader: '党组成员', department: '财务处', deadline: '长期坚持', deadlineKind: 'long_term' })],
    },
  ];
  return doc;
}

export interface SeededPlan {
  planId: string;
  /** measure ids in outline order */
  measures: { id: string; path: string; heading: string }[];
}

export async function seedPlan(app: AppUnderTest): Promise<SeededPlan> {
  const plan = await app.services.call('plans.createFromDocument', { document: trackingPlan() });
  const measures = await app.services.call('progress.measures', { planId: plan.id });
  return { planId: plan.id, measures: measures.map((m) => ({ id: m.id, path: m.path, heading: m.heading })) };
}

/** Opens the plan and one of its tabs (编辑 / 整改跟踪 / 台账 / 进度看板). */
export async function openTab(app: AppUnderTest, planId: string, tab: string): Promise<void> {
  await app.page.goto(`${app.host.url}#/plan/${encodeURIComponent(planId)}`);
  await app.page.getByRole('tab', { name: tab }).click();
}

/** Opens the plan's 整改跟踪 tab and selects one measure there. */
export async function openMeasure(app: AppUnderTest, planId: string, measure: { path: string; heading: string }): Promise<void> {
  await openTab(app, planId, '整改跟踪');
  await app.page.getByRole('button', { name: `措施 ${measure.path} ${measure.heading}` }).click();
}
