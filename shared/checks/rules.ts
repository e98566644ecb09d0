import type { StoredNode } from '../api/plans.ts';
import type { CheckFinding, CheckRule } from '../api/editor.ts';
import { CHECK_RULES } from '../api/editor.ts';
import { findPlaceholders } from '../templates/placeholders.ts';
import { normalizePunctuation } from '../text/punctuation.ts';
import type { ExportSettings } from '../domain/export-settings.ts';
import { DOC_TYPE_LABELS, docNumberProblems, isMultipleAddressee, isUpward } from '../domain/issuance.ts';

/**
 * 公文检查: pure rules over a plan as the editor holds it (header + outline with node ids). Each
 * finding names the node and field to jump to. Nothing here changes the plan; the one automatic fix
 * (half-width punctuation) is `fixPunctuationInPlan` below, applied by the service as one undo step.
 */

export interface CheckablePlan {
  title: string;
  addressee: string | null;
  preamble: readonly string[];
  attachments: readonly string[];
  issuer: string | null;
  date: string | null;
  problems: readonly { id: string; text: string; category: string | null }[];
  outline: readonly StoredNode[];
  /** 发文设置 the export will use (absent: not checked) */
  issuance?: Pick<ExportSettings, 'docType' | 'docNumber' | 'addressee'>;
}

/** A title line holds at most 20 characters; a title of more than three lines is too long. */
export const TITLE_LINE_CHARS = 20;
export const TITLE_MAX_LINES = 3;

const TITLE_END_PUNCT = /[。，、；：！？,.;:!?…—·]$/;
/** 成文日期 and dates in text: 2025年12月5日 (Arabic numerals, no leading zeros). */
export const STANDARD_DATE = /^\d{4}年(?:[1-9]|1[0-2])月(?:[1-9]|[12]\d|3[01])日$/;
/** Dates written some other way: 2025-12-05, 2025/12/5, 2025.12.5, 2025年12月05日, 二〇二五年十二月五日. */
const ODD_DATES: RegExp[] = [
  /(?<!\d)\d{4}\s*[-/.．]\s*\d{1,2}\s*[-/.．]\s*\d{1,2}(?!\d)/g,
  /\d{4}年0\d月(?:\d{1,2}日)?/g,
  /\d{4}年\d{1,2}月0\d日/g,
  /[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}日)?/g,
];

function excerpt(text: string, at = 0, length = 24): string {
  const start = Math.max(0, at - 6);
  const piece = text.slice(start, start + length);
  return (start > 0 ? '…' : '') + piece + (start + length < text.length ? '…' : '');
}

export function oddDates(text: string): string[] {
  const found: string[] = [];
  for (const re of ODD_DATES) for (const m of text.matchAll(re)) found.push(m[0]);
  return found;
}

interface TextSite {
  nodeId: string | null;
  field: CheckFinding['field'];
  index: number | null;
  text: string;
  /** Subject to the punctuation rule (not names, not the verbatim deadline) */
  prose: boolean;
}

/** Every piece of text in the plan, with where it lives. */
export function textSites(plan: CheckablePlan): TextSite[] {
  const sites: TextSite[] = [];
  sites.push({ nodeId: null, field: 'title', index: null, text: plan.title, prose: true });
  if (plan.addressee) sites.push({ nodeId: null, field: 'addressee', index: null, text: plan.addressee, prose: true });
  plan.preamble.forEach((text, index) => sites.push({ nodeId: null, field: 'preamble', index, text, prose: true }));
  plan.problems.forEach((p, index) => sites.push({ nodeId: null, field: 'problem', index, text: p.text, prose: true }));
  const walk = (nodes: readonly StoredNode[]) => {
    for (const n of nodes) {
      sites.push({ nodeId: n.id, field: 'heading', index: null, text: n.heading, prose: true });
      n.body.forEach((text, index) => sites.push({ nodeId: n.id, field: 'body', index, text, prose: true }));
      if (n.measure) {
        const m = n.measure;
        for (const text of [m.leader, m.department, m.person, m.deadline, ...m.cooperating]) {
          if (text) sites.push({ nodeId: n.id, field: 'measure', index: null, text, prose: false });
        }
        if (m.statusText) sites.push({ nodeId: n.id, field: 'measure', index: null, text: m.statusText, prose: true });
      }
      walk(n.children);
    }
  };
  walk(plan.outline);
  plan.attachments.forEach((text, index) => sites.push({ nodeId: null, field: 'attachments', index, text, prose: true }));
  if (plan.issuer) sites.push({ nodeId: null, field: 'issuer', index: null, text: plan.issuer, prose: false });
  if (plan.date) sites.push({ nodeId: null, field: 'date', index: null, text: plan.date, prose: false });
  return sites;
}

function finding(rule: CheckRule, severity: CheckFinding['severity'], site: Omit<TextSite, 'text' | 'prose'>, message: string, ex: string, fixable = false): CheckFinding {
  return { rule, severity, nodeId: site.nodeId, field: site.field, index: site.index, message, excerpt: ex, fixable };
}

function isBlank(s: string | null | undefined): boolean {
  return !s || s.trim() === '';
}

function normalHeading(s: string): string {
  return s.replace(/\s+/g, '').replace(/[。；;，,.]+$/, '');
}

export function runChecks(plan: CheckablePlan): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const sites = textSites(plan);

  // Placeholders and odd dates, wherever they are.
  for (const site of sites) {
    for (const name of findPlaceholders(site.text)) {
      findings.push(finding('placeholder', 'error', site, `“{${name}}”尚未填写`, excerpt(site.text, site.text.indexOf(`{${name}}`))));
    }
  }

  // The title.
  const title = plan.title.trim();
  if (TITLE_END_PUNCT.test(title)) {
    findings.push(finding('title_punctuation', 'error', { nodeId: null, field: 'title', index: null }, '标题末尾不应有标点符号', excerpt(title, title.length - 10)));
  }
  if ([...title].length > TITLE_LINE_CHARS * TITLE_MAX_LINES) {
    findings.push(
      finding(
        'title_too_long',
        'warning',
        { nodeId: null, field: 'title', index: null },
        `标题共${[...title].length}字，超过三行（每行不超过${TITLE_LINE_CHARS}字），建议精简`,
        excerpt(title),
      ),
    );
  }

  // Dates.
  const date = (plan.date ?? '').trim();
  if (date !== '' && findPlaceholders(date).length === 0 && !STANDARD_DATE.test(date)) {
    findings.push(finding('date_format', 'error', { nodeId: null, field: 'date', index: null }, `成文日期应写成“2025年12月5日”的形式（阿拉伯数字，不编虚位）`, date));
  }
  for (const site of sites) {
    if (site.field === 'date') continue;
    for (const d of oddDates(site.text)) {
      findings.push(finding('date_format', 'warning', site, `日期“${d}”应写成“2025年12月5日”的形式`, excerpt(site.text, site.text.indexOf(d))));
    }
  }

  // Half-width punctuation in Chinese text.
  for (const site of sites) {
    if (!site.prose) continue;
    const r = normalizePunctuation(site.text);
    if (r.changes > 0) {
      const at = [...site.text].findIndex((ch, i) => ch !== [...r.text][i]);
      findings.push(finding('halfwidth_punctuation', 'warning', site, `中文中有${r.changes}处半角标点，应使用全角标点`, excerpt(site.text, at), true));
    }
  }

  // Measures and sections.
  const headings = new Map<string, string[]>();
  const walk = (nodes: readonly StoredNode[]) => {
    for (const n of nodes) {
      const site = { nodeId: n.id, field: 'measure' as const, index: null };
      const label = n.heading.trim() === '' ? '（无标题）' : `“${excerpt(n.heading, 0, 20)}”`;
      if (n.kind === 'measure') {
        if (isBlank(n.measure?.department)) findings.push(finding('measure_no_department', 'error', site, `措施${label}缺少责任部门`, n.heading));
        if (isBlank(n.measure?.deadline)) findings.push(finding('measure_no_deadline', 'error', site, `措施${label}缺少完成时限`, n.heading));
        const key = normalHeading(n.heading);
        if (key !== '' && findPlaceholders(n.heading).length === 0) headings.set(key, [...(headings.get(key) ?? []), n.id]);
      }
      if (n.kind === 'section' && n.children.length === 0 && n.body.every((p) => p.trim() === '')) {
        findings.push(finding('empty_section', 'warning', { nodeId: n.id, field: 'heading', index: null }, `章节${label}还没有内容`, n.heading));
      }
      walk(n.children);
    }
  };
  walk(plan.outline);
  findings.push(...issuanceFindings(plan));
  for (const [heading, ids] of headings) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      findings.push(
        finding('duplicate_measure_heading', 'warning', { nodeId: id, field: 'heading', index: null }, `有${ids.length}条措施的标题相同：“${excerpt(heading, 0, 20)}”`, heading),
      );
    }
  }
  return findings;
}

/** 发文字号 (full year in 〔〕, no 第, no zero padding) and, for a 报告 or 请示, one 主送 organ. */
function issuanceFindings(plan: CheckablePlan): CheckFinding[] {
  const s = plan.issuance;
  if (!s) return [];
  const out: CheckFinding[] = [];
  const where = { nodeId: null, field: 'issuance' as const, index: null };
  const number = (s.docNumber ?? '').trim();
  const problems = docNumberProblems(number);
  if (problems.length > 0) out.push(finding('doc_number_format', 'error', where, `发文字号${problems.join('；')}（在“导出 Word → 发文设置”中修改）`, number));
  if (isUpward(s.docType)) {
    const own = (s.addressee ?? '').trim() !== '';
    const addressee = own ? s.addressee!.trim() : (plan.addressee ?? '').trim();
    const label = DOC_TYPE_LABELS[s.docType];
    if (addressee === '') {
      out.push(finding('upward_addressee', 'warning', own ? where : { nodeId: null, field: 'addressee', index: null }, `${label}应主送一个上级机关，尚未填写主送机关`, ''));
    } else if (isMultipleAddressee(addressee)) {
      out.push(
        finding('upward_addressee', 'error', own ? where : { nodeId: null, field: 'addressee', index: null }, `${label}是上行文，只能主送一个上级机关，其他机关可以抄送`, excerpt(addressee)),
      );
    }
  }
  return out;
}

export function countByRule(findings: readonly CheckFinding[]): Record<CheckRule, number> {
  const counts = Object.fromEntries(CHECK_RULES.map((r) => [r, 0])) as Record<CheckRule, number>;
  for (const f of findings) counts[f.rule]++;
  return counts;
}
