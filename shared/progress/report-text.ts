import type { DocNode, PlanDocument, Problem } from '../domain/document.ts';
import { emptyMeasure } from '../domain/document.ts';
import type { Ledger, LedgerMeasure, ReportCounts } from '../api/progress.ts';
import { chineseDate } from './dates.ts';

/**
 * The 整改落实情况报告 (template T7, domain.md §3/§6) generated from the ledger: every number in it is
 * read from `ledger.counts`, which is `reportCounts` over the very rows the ledger prints.
 */

/** "共涉及问题25个、整改措施30项，已完成19项，完成率63.33%。" — the ledger's closing row. */
export function countsSentence(c: ReportCounts): string {
  return `共涉及问题${c.problems}个、整改措施${c.measures}项，已完成${c.completed}项（其中已销号${c.closed}项），完成率${c.completionRateText}。`;
}

/** "其余11项中，长期坚持5项、正在推进4项、未完成2项" or "" when all are completed. */
export function remainderPhrase(c: ReportCounts): string {
  const rest = c.measures - c.completed;
  if (rest <= 0) return '';
  const parts: string[] = [];
  if (c.ongoing > 0) parts.push(`需长期坚持${c.ongoing}项`);
  if (c.inProgress > 0) parts.push(`正在推进${c.inProgress}项`);
  if (c.notDone > 0) parts.push(`未完成${c.notDone}项`);
  return `其余${rest}项中，${parts.join('、')}`;
}

/** 中共X党组关于Y的整改方案 → 中共X党组关于Y整改落实情况的报告. */
export function reportTitle(planTitle: string): string {
  const t = planTitle.trim();
  const i = t.indexOf('关于');
  const prefix = i >= 0 ? t.slice(0, i) : '';
  let stem = i >= 0 ? t.slice(i + 2) : t;
  stem = stem.replace(/(的)?(整改|问题整改)?(工作|落实|实施)?(方案|清单|台账|措施)$/u, '').replace(/的$/u, '');
  if (stem === '') stem = t;
  return `${prefix}关于${stem}整改落实情况的报告`;
}

function stripEnd(text: string): string {
  return text.trim().replace(/[。；;，,：:]+$/u, '');
}

/** 整改情况：已完成。{progress}。佐证材料：… — the line each measure ends with in the report. */
export function measureSituation(m: LedgerMeasure): string {
  let text = `整改情况：${m.statusLabel}`;
  if (m.progressText && stripEnd(m.progressText) !== m.statusLabel) text += `，${stripEnd(m.progressText)}`;
  if (m.status === 'closed' && m.closedOn) text += `，已于${chineseDate(m.closedOn)}销号`;
  text += '。';
  if (m.evidenceList.length > 0) {
    const types = [...new Set(m.evidenceList.map((e) => e.type))];
    text += `佐证材料：${types.join('、')}等${m.evidenceList.length}份。`;
  }
  return text;
}

export interface ReportOptions {
  /** 截至日期 (YYYY-MM-DD) */
  asOf: string;
  addressee?: string | null;
  issuer?: string | null;
}

export function buildReportDocument(ledger: Ledger, options: ReportOptions): PlanDocument {
  const c = ledger.counts;
  const asOf = chineseDate(options.asOf);
  const issuer = options.issuer ?? null;
  const rest = remainderPhrase(c);
  const opening =
    `按照《${ledger.planTitle}》部署要求，${issuer ?? '我们'}对照问题逐项抓好整改落实。` +
    `共查摆问题${c.problems}个，制定整改措施${c.measures}项。截至${asOf}，已完成${c.completed}项，完成率${c.completionRateText}` +
    (rest ? `；${rest}` : '，全部整改措施已完成') +
    '。现将有关情况报告如下。';

  // One problem per ledger group, in ledger order, so the report's 问题N个 is the ledger's.
  const problems: Problem[] = [];
  const groups = new Map<string, { problem: Problem; measures: LedgerMeasure[] }>();
  for (const m of ledger.measures) {
    let g = groups.get(m.problem.key);
    if (!g) {
      const problem: Problem = { key: `q${groups.size + 1}`, category: m.problem.category, text: m.problem.text };
      problems.push(problem);
      g = { problem, measures: [] };
      groups.set(m.problem.key, g);
    }
    g.measures.push(m);
  }

  const section = (heading: string, children: DocNode[], body: string[] = [], level?: number): DocNode => ({
    kind: 'section',
    heading,
    body,
    style: level === undefined ? {} : { level },
    measure: null,
    problemKeys: [],
    children,
  });
  const paragraph = (text: string): DocNode => ({
    kind: 'paragraph',
    heading: '',
    body: [text],
    style: {},
    measure: null,
    problemKeys: [],
    children: [],
  });

  const perProblem: DocNode[] = [...groups.values()].map(({ problem, measures }) =>
    section(
      `关于“${stripEnd(problem.text)}”的问题`,
      measures.map((m) => ({
        kind: 'measure',
        heading: m.heading,
        body: [...m.body, measureSituation(m)],
        style: {},
        // The report's own measures carry the same fields, so its ledger appendix is this ledger.
        measure: {
          ...emptyMeasure(),
          leader: m.leader,
          department: m.department,
          cooperating: m.cooperating,
          person: m.person,
          deadline: m.deadline,
          deadlineKind: m.deadlineKind,
          deadlineDate: m.deadlineDate,
          status: m.status,
          statusText: m.progressText,
        },
        problemKeys: [problem.key],
        children: [],
      })),
    ),
  );

  const nextSteps: string[] = [];
  if (c.ongoing > 0) nextSteps.push(`对需长期坚持的${c.ongoing}项整改措施，紧盯不放、持续推进，建立长效机制。`);
  if (c.inProgress + c.notDone > 0) {
    nextSteps.push(`对尚未完成的${c.inProgress + c.notDone}项整改措施，明确时间节点，压实责任，确保按期整改到位。`);
  }
  nextSteps.push('对已完成的整改事项，适时开展“回头看”，防止问题反弹回潮。');

  return {
    title: reportTitle(ledger.planTitle),
    kind: 'report',
    addressee: options.addressee ?? null,
    preamble: [opening],
    sections: [
      section('整改工作开展情况', [], ['{组织领导情况}', '{跟踪督办情况}', '{建章立制情况}']),
      section('具体问题整改落实情况', perProblem),
      section('存在的不足和下一步打算', [], ['{存在的不足}', ...nextSteps]),
      paragraph('特此报告。'),
    ],
    problems,
    attachments: [ledger.title],
    issuer,
    date: asOf,
    level3Numbering: 'restart',
  };
}
