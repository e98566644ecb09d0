// Summary counts in prose (domain.md §8 item 24): "共查摆问题4个方面12条，制定整改措施28项，已完成24项，
// 完成率85.7%". They are cross-checked against what was recognised; a mismatch is a warning, since
// either an item was not recognised or the text's own numbers are off.
import type { DocNode, PlanDocument } from '../domain/document.ts';
import { parseChineseNumeral } from './markers.ts';
import { maskQuotedPhrases } from './quoted-phrases.ts';

const NUM = '((?<![第\\d.])\\d{1,4}(?![\\d.%])|(?<![第一二三四五六七八九十百两零〇])[一二三四五六七八九十百两零〇]{1,5})';
const UNIT = '(?:条|个|项|件)';

interface Pattern {
  re: RegExp;
  /** Which capture is which count */
  groups: Array<'aspects' | 'problems' | 'measures' | 'done'>;
}

const PATTERNS: Pattern[] = [
  { re: new RegExp(`问题(?:清单)?(?:共(?:计)?)?${NUM}个方面(?:共(?:计)?)?${NUM}${UNIT}`), groups: ['aspects', 'problems'] },
  { re: new RegExp(`${NUM}个方面(?:的)?${NUM}${UNIT}(?:具体|突出|主要)?问题`), groups: ['aspects', 'problems'] },
  { re: new RegExp(`问题(?:共(?:计)?)?${NUM}${UNIT}`), groups: ['problems'] },
  { re: new RegExp(`${NUM}${UNIT}(?:具体|突出|主要|反馈|共性|个性|检视|查摆)?问题`), groups: ['problems'] },
  { re: new RegExp(`(?:整改)?(?:措施|举措|任务)(?:共(?:计)?)?${NUM}${UNIT}`), groups: ['measures'] },
  { re: new RegExp(`${NUM}${UNIT}(?:具体)?(?:整改)?(?:措施|举措|整改任务)`), groups: ['measures'] },
  { re: new RegExp(`已(?:经)?(?:全部)?(?:完成|整改到位|整改完成|办结|销号)(?:整改)?(?:任务)?${NUM}${UNIT}`), groups: ['done'] },
  { re: new RegExp(`${NUM}${UNIT}(?:问题|措施|任务)?已(?:经)?(?:全部)?(?:完成|整改到位|整改完毕|办结|销号)`), groups: ['done'] },
];
const RATE = /完成率(?:为|达到?|已达)?(\d{1,3}(?:\.\d+)?)%/;
/** A total, not a part: 共/合计/上述…; "其中…" clauses count a part. */
const TOTAL = /共|合计|累计|总计|上述|以上|全部|总共|一共/;

export interface Claim {
  n: number;
  /** The clause the number was read from */
  text: string;
}

export interface SummaryClaims {
  aspects?: Claim;
  problems?: Claim;
  measures?: Claim;
  done?: Claim;
  rate?: Claim;
}

function toNumber(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : parseChineseNumeral(s);
}

/**
 * The first summary count of each kind in the given paragraphs. `anyClause` paragraphs (the preamble)
 * count without a 共/上述 word; elsewhere a clause must say it is a total.
 */
export function findSummaryClaims(paragraphs: Array<{ text: string; anyClause: boolean }>): SummaryClaims {
  const claims: SummaryClaims = {};
  for (const { text, anyClause } of paragraphs) {
    // “十项措施” names a slogan; only unquoted numbers are counts.
    for (const sentence of maskQuotedPhrases(text).split(/[。！？；]/)) {
      const total = TOTAL.test(sentence);
      if (!anyClause && !total) continue;
      for (const clause of sentence.split(/，/)) {
        // "其中班子问题5条" is a part of the total.
        if (/^其中/.test(clause) && !/已/.test(clause)) continue;
        for (const { re, groups } of PATTERNS) {
          const m = re.exec(clause);
          if (!m) continue;
          groups.forEach((kind, k) => {
            const n = toNumber(m[k + 1]!);
            if (n !== null && claims[kind] === undefined) claims[kind] = { n, text: clause.trim() };
          });
        }
        const rate = RATE.exec(clause);
        if (rate && claims.rate === undefined) claims.rate = { n: Number(rate[1]), text: clause.trim() };
      }
    }
  }
  return claims;
}

/** Ways the outline can count "N个方面": groups of measures at any level, problem categories. */
function aspectCounts(document: PlanDocument): Set<number> {
  const counts = new Set<number>();
  const hasMeasure = (n: DocNode): boolean => n.kind === 'measure' || n.children.some(hasMeasure);
  const walk = (nodes: DocNode[]): void => {
    const withMeasures = nodes.filter(hasMeasure);
    if (withMeasures.length > 0) counts.add(withMeasures.length);
    for (const n of nodes) walk(n.children);
  };
  walk(document.sections);
  const categories = new Set(document.problems.map((p) => p.category).filter((c): c is string => c !== null && c !== ''));
  if (categories.size > 0) counts.add(categories.size);
  return counts;
}

function measureNodes(nodes: DocNode[]): DocNode[] {
  return nodes.flatMap((n) => [...(n.kind === 'measure' ? [n] : []), ...measureNodes(n.children)]);
}

/** Warnings for every summary count that does not match what was recognised. */
export function checkSummaryCounts(document: PlanDocument): string[] {
  const paragraphs = [
    ...document.preamble.map((text) => ({ text, anyClause: true })),
    ...document.sections.flatMap((s) => s.body.map((text) => ({ text, anyClause: false }))),
  ];
  const claims = findSummaryClaims(paragraphs);
  const warnings: string[] = [];
  const measures = measureNodes(document.sections);
  const say = (claim: Claim, what: string, found: string) =>
    warnings.push(`核对数字：原文“${claim.text}”称${what}，${found}，请核对是否有内容未识别或原文数字有误`);

  if (claims.measures && claims.measures.n !== measures.length) {
    say(claims.measures, `整改措施${claims.measures.n}项`, `识别到${measures.length}项整改措施`);
  }
  // Problems are checked where the text lists them one by one (a plan may list only its measures).
  if (claims.problems && document.problems.length > 0 && claims.problems.n !== document.problems.length) {
    say(claims.problems, `问题共${claims.problems.n}条`, `正文逐条列出的问题为${document.problems.length}条`);
  }
  if (claims.aspects && measures.length > 0) {
    const counts = aspectCounts(document);
    if (!counts.has(claims.aspects.n)) say(claims.aspects, `问题涉及${claims.aspects.n}个方面`, `正文的整改措施分为${[...counts].join('或')}组`);
  }
  const withStatus = measures.filter((m) => m.measure?.statusText);
  const done = measures.filter((m) => m.measure && (m.measure.status === 'done' || m.measure.status === 'closed')).length;
  if (claims.done && withStatus.length > 0 && claims.done.n !== done) {
    say(claims.done, `已完成${claims.done.n}项`, `按各项整改情况识别到已完成${done}项`);
  }
  if (claims.rate) {
    // The rate against the text's own counts first, else against what was recognised.
    const total = claims.measures?.n ?? claims.problems?.n ?? (withStatus.length > 0 ? measures.length : null);
    const finished = claims.done?.n ?? (withStatus.length > 0 ? done : null);
    if (total !== null && finished !== null && total > 0) {
      const expected = (finished / total) * 100;
      const decimals = (String(claims.rate.n).split('.')[1] ?? '').length;
      const tolerance = 0.5 * 10 ** -decimals + 1e-9;
      if (Math.abs(expected - claims.rate.n) > tolerance) {
        say(claims.rate, `完成率${claims.rate.n}%`, `按${finished}/${total}计算应为${expected.toFixed(Math.max(1, decimals))}%`);
      }
    }
  }
  return warnings;
}
