import type { Page } from 'playwright-core';
import type { PlanDocument, DocNode, MeasureFields } from '../../shared/domain/document.ts';
import { emptyMeasure } from '../../shared/domain/document.ts';
import type { StoredNode } from '../../shared/api/plans.ts';
import type { AppUnderTest } from './harness.ts';

/** Builders and readers shared by the editor end-to-end tests. */

export function measure(heading: string, fields: Partial<MeasureFields> = {}, body: string[] = []): DocNode {
  return { kind: 'measure', heading, body, style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

export function section(heading: string, children: DocNode[] = [], body: string[] = []): DocNode {
  return { kind: 'section', heading, body, style: {}, measure: null, problemKeys: [], children };
}

export function planDocument(title: string, sections: DocNode[], extra: Partial<PlanDocument> = {}): PlanDocument {
  return {
    title,
    kind: 'minzhu-shenghuohui',
    addressee: null,
    preamble: [],
    sections,
    problems: [],
    attachments: [],
    issuer: '中共某某局党组',
    date: '2025年12月5日',
    level3Numbering: 'restart',
    ...extra,
  };
}

/** Stores a plan through the services and opens it in the editor. */
export async function openPlan(app: AppUnderTest, doc: PlanDocument): Promise<string> {
  const plan = await app.services.call('plans.createFromDocument', { document: doc });
  await app.page.goto(`${app.host.url}#/plan/${plan.id}`);
  await app.page.getByRole('tree', { name: '方案大纲' }).waitFor();
  return plan.id;
}

export async function outline(app: AppUnderTest, planId: string): Promise<StoredNode[]> {
  return (await app.services.call('plans.get', { id: planId })).outline;
}

/** Headings of a node list (or of the whole outline), for order assertions. */
export function headings(nodes: readonly StoredNode[]): string[] {
  return nodes.map((n) => n.heading);
}

export function treeItem(page: Page, name: string | RegExp) {
  return page.getByRole('treeitem', { name, exact: typeof name === 'string' ? true : undefined });
}

/** The accessible names of the tree rows in order (marker + heading). */
export async function treeLabels(page: Page): Promise<string[]> {
  return page.getByRole('tree', { name: '方案大纲' }).getByRole('treeitem').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Waits until the editor reports everything stored. */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: /^已保存$/ }).waitFor();
}

/** Clicks a suggestion in the open antd dropdown (its visible item, not the hidden a11y listbox). */
export async function pickOption(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}
