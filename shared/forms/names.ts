import type { FormKind } from '../api/forms.ts';
import { FORM_KIND_LABELS } from '../api/forms.ts';
import { safeFileName } from '../progress/evidence-names.ts';
import { stripTitleFinalPunctuation } from '../text/title-lines.ts';

/**
 * 方案简称 for file names: the plan's title without the issuing organ in front of 关于 and without the
 * 的 before 整改方案 — 中共某某局党组关于2025年度民主生活会查摆问题的整改方案 → 2025年度民主生活会查摆问题整改方案.
 */
export function planShortName(title: string): string {
  let t = stripTitleFinalPunctuation(title.trim()).replace(/\s+/g, '');
  const about = t.indexOf('关于');
  if (about >= 0 && t.length - about - 2 >= 4) t = t.slice(about + 2);
  t = t.replace(/的((?:整改)?(?:工作|落实|实施)?(?:方案|清单|台账))$/u, '$1');
  return t.length > 40 ? t.slice(0, 40) : t || '整改方案';
}

/** 部门_方案简称_进展填报表_截止日期.xlsx (截止日期 as 20260420, like the evidence package's names). */
export function formFileName(department: string, planTitle: string, kind: FormKind, dueIso: string): string {
  return safeFileName(`${department}_${planShortName(planTitle)}_${FORM_KIND_LABELS[kind]}_${dueIso.replace(/-/g, '')}.xlsx`, `${FORM_KIND_LABELS[kind]}.xlsx`);
}

/** The name of the .zip holding every department's form. */
export function formsZipName(planTitle: string, kind: FormKind, dueIso: string): string {
  return safeFileName(`${planShortName(planTitle)}_${FORM_KIND_LABELS[kind]}_${dueIso.replace(/-/g, '')}.zip`, `${FORM_KIND_LABELS[kind]}.zip`);
}

/**
 * The default 报送截止日期, as offices set it (每月20日前报送): the 20th of this month when at least ten
 * days remain, else the 20th of the next month.
 */
export function defaultDueDate(todayIso: string): string {
  const [y, m, d] = todayIso.split('-').map(Number) as [number, number, number];
  const next = d <= 10 ? { y, m } : m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-20`;
}

/** Department names of a measure's 责任部门 field: 办公室、财务科 names two. */
export function splitDepartments(value: string | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[、，,；;]/).map((s) => s.trim()).filter((s) => s !== ''))];
}
