// "Nothing is lost": every character of a fixture's content reaches the recognised plan (title, preamble,
// headings, bodies, measure fields, attachments, 落款, date), except numbering markers, field labels, the
// ledger header row and the lines the recogniser lists as dropped (web debris, a duplicate outline, 附件
// labels and 台账 rows the body's measures already hold — each cell of those must still be in the plan).
// Every fixture is checked as it is and followed by a 台账 appendix laid out as the exporter writes it,
// with a field the body lacks, a differing one, a 备注, a new 问题 and a row the body does not have.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { normalizePunctuation } from '../../../shared/text/punctuation.ts';
import type { DocNode, PlanDocument } from '../../../shared/domain/document.ts';
import { withLedgerAppendix } from './appendix-text.ts';
import { hardWrap, paginate } from './pdf-text.ts';
import { ALL_FAMILY_TEXTS } from './family-texts.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt'));

/** name, the text to recognise, and for a PDF copy the text it was made from plus the page furniture added */
const cases: Array<[string, string, { original: string; furniture: string[] } | null]> = [];
for (const file of files) {
  const text = readFileSync(path.join(FIXTURES, file), 'utf8');
  cases.push([file, text, null]);
  const plain = recognisePlan(text).document;
  // The same text copied out of a PDF: hard-wrapped, page numbers and the title at each page break.
  const head = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length >= 4 && plain.title.startsWith(l)) ?? plain.title;
  const pdf = paginate(hardWrap(text, 28, true), 22, head, (n) => `- ${n} -`);
  cases.push([`${file} (PDF)`, pdf.text, { original: text, furniture: pdf.furniture }]);
  const edit = (cells: Record<string, string>, serial: number) => {
    if (serial === 1) {
      cells['责任部门'] = '督查室';
      cells['问题'] = '会议制度执行不严格';
    }
    if (serial === 2) cells['备注'] = '已列入年度重点督办事项';
  };
  const withLedger = withLedgerAppendix(text, plain, { title: '整改工作台账', edit });
  if (withLedger.split('\n').filter((l) => l.includes('\t')).length > 1) {
    cases.push([`${file} + 台账附件`, `${withLedger}99\t\t开展整改回头看。对已完成事项逐项复查。\t分管领导\t巡察办\t2026年底前\t\n`, null]);
  }
}
cases.push([
  '报告 + 台账附件（正文无措施）+ 名单附件',
  `XX单位关于巡察反馈问题整改情况的报告
按照巡察反馈意见，我单位认真组织整改，现将整改情况报告如下。
附件：1.XX单位巡察反馈问题整改台账
2.整改工作领导小组成员名单
XX单位党委
2025年12月15日
附件1
XX单位巡察反馈问题整改台账
序号\t问题\t整改措施\t责任部门\t完成时限\t完成情况
1\t议事规则不健全\t修订党委议事规则\t办公室\t2025年10月底前\t已完成
2\t\t建立决策事项台账\t办公室\t长期坚持\t持续推进
附件2
整改工作领导小组成员名单
组\u3000长：张某某
副组长：李某某、王某某
`,
  null,
]);
cases.push([
  '方案 + 按标题命名的台账附件',
  `XX局关于巡察反馈问题的整改方案
一、整改任务
1.修订议事规则。明确决策程序。
（责任部门：办公室；完成时限：2026年3月底前）
附件：XX局关于巡察反馈问题的整改台账
XX局党组
2025年12月15日
附件
XX局关于巡察反馈问题的整改台账
序号\t问题\t整改措施\t责任部门\t完成时限
1\t整改任务\t修订议事规则。明确决策程序。\t办公室\t2026年3月底前
`,
  null,
]);

// The texts of issue 13's nine families (web furniture, cover notices, run-on fields …).
for (const f of ALL_FAMILY_TEXTS) cases.push([`issue 13: ${f.name}`, f.text, null]);

// The test's own idea of structure, written independently of the recogniser.
// "3.1项…" is item 3 (issue 13 family 4): the 3. is its marker.
const MARKER = /^\s*(?:\d{1,3}[.．](?=\d+(?:\.\d+)?(?:项|个|家|笔|万元|名|件|条))|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|[㈠-㈩]|\d{1,3}[.．、)）](?!\d)|[（(]\d{1,3}[)）]|[①-⑳](?![^①-⑳]*[①-⑳])|问题\d+[：:]|附件[：:]\s*(?:\d+[.．、])?)/;
const LABELS = /(?:【[^【】]{1,8}】)|(?:牵头领导|责任领导|分管领导|牵头单位|牵头部门|责任单位|责任部门|责任科室|责任处室|配合单位|配合部门|配合科室|具体责任人|责任人|完成时限|整改时限|完成时间|整改期限|整改情况|完成情况|整改类型)\s*[：:]/g;
const HEADER_CELLS = /^(?:序号|问题类别|存在问题|整改措施|责任领导|责任部门|责任单位|责任人|整改时限|完成时限|完成情况)$/;

function content(s: string): string[] {
  return [...s].filter((c) => /[\p{L}\p{N}]/u.test(c));
}

function countChars(chars: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of chars) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

function key(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

function outputStrings(doc: PlanDocument): string[] {
  const out: string[] = [doc.title, doc.addressee ?? '', ...doc.preamble, ...doc.attachments, doc.issuer ?? '', doc.date ?? ''];
  if (doc.notice) out.push(doc.notice.title, doc.notice.addressee ?? '', ...doc.notice.body, doc.notice.issuer ?? '', doc.notice.date ?? '');
  const walk = (nodes: DocNode[]) => {
    for (const n of nodes) {
      out.push(n.heading, ...n.body);
      if (n.measure) {
        const m = n.measure;
        out.push(m.leader ?? '', m.department ?? '', ...m.cooperating, m.person ?? '', m.deadline ?? '', m.statusText ?? '');
      }
      walk(n.children);
    }
  };
  walk(doc.sections);
  // Problems are plan content too (the 台账's 问题 column); counted only where no other text holds them.
  const all = key(out.join(''));
  for (const p of doc.problems) {
    if (!all.includes(key(p.text))) out.push(p.text);
    if (p.category && !all.includes(key(p.category))) out.push(p.category);
  }
  return out.filter((s) => s !== '');
}

describe.each(cases)('nothing lost: %s', (_name, text, pdf) => {
  // A PDF copy is checked against the text it was made from (labels cut by a line break are still
  // labels) plus the page numbers and headers put between its pages.
  const reference = pdf ? `${pdf.original}\n${pdf.furniture.join('\n')}` : text;
  const result = recognisePlan(text);
  // Source lines are compared trimmed (a table row's empty last cells end in tabs).
  const droppedTexts = result.dropped.map((d) => d.text.trim());

  it('keeps every content character of the source', () => {
    const pending = [...droppedTexts];
    const source: string[] = [];
    for (const rawLine of reference.split(/\r\n|\r|\n/)) {
      const line = normalizePunctuation(rawLine.trim()).text;
      if (line === '') continue;
      const d = pending.indexOf(line);
      if (d >= 0) {
        pending.splice(d, 1);
        continue;
      }
      if (line.includes('\t')) {
        const cells = line.split('\t');
        if (cells.filter((c) => HEADER_CELLS.test(c.trim())).length >= 3) continue; // the ledger header row
        if (/^\d+$/.test(cells[0]!.trim())) cells.shift(); // 序号 column = marker
        source.push(...content(cells.join('')));
        continue;
      }
      source.push(...content(line.replace(MARKER, '').replace(LABELS, '')));
    }
    expect(pending, 'every dropped line is a real source line').toEqual([]);
    const have = countChars(outputStrings(result.document).flatMap(content));
    const missing: string[] = [];
    for (const [ch, n] of countChars(source)) {
      const got = have.get(ch) ?? 0;
      if (got < n) missing.push(`${ch}×${n - got}`);
    }
    expect(missing, 'characters missing from the recognised plan').toEqual([]);
  });

  it('every cell of a 台账 row left out as repeating the body is in the plan', () => {
    const plan = key(outputStrings(result.document).join(''));
    // A 问题 cell lists the measure's problems one after another (a cell's paragraphs come back joined).
    const problemKeys = result.document.problems.map((p) => key(p.text)).filter((k) => k !== '');
    const problemsOnly = (k: string): boolean => {
      let rest = k;
      for (let hit = problemKeys.find((p) => rest.startsWith(p)); hit !== undefined && rest !== ''; hit = problemKeys.find((p) => rest.startsWith(p))) rest = rest.slice(hit.length);
      return rest === '';
    };
    const planTitle = result.document.title.replace(/(?:整改)?(?:落实|实施|工作)?方案$/, '整改台账');
    for (const d of result.dropped.filter((x) => x.reason === 'appendix')) {
      if (d.text.includes('\t')) {
        const cells = d.text.split('\t').map((c) => c.trim());
        if (cells.filter((c) => HEADER_CELLS.test(c)).length >= 3) continue;
        for (const cell of cells.filter((c) => !/^\d+$/.test(c)).map((c) => c.replace(LABELS, ''))) {
          expect(plan.includes(key(cell)) || problemsOnly(key(cell)), `台账 cell not in the plan: ${cell.slice(0, 30)}`).toBe(true);
        }
      } else if (!/^附\s*件\s*\d*$/.test(d.text)) {
        // A 台账 title: kept in the plan, or the one the exporter derives from the plan title again.
        const name = d.text.replace(MARKER, '');
        expect(plan.includes(key(name)) || key(name) === key(planTitle), `dropped: ${d.text}`).toBe(true);
      }
    }
  });

  it('invents nothing: every output text occurs in the (normalised) source', () => {
    const flat = normalizePunctuation(pdf ? pdf.original : text).text.replace(/\s/g, '');
    for (const s of outputStrings(result.document)) {
      // Values whose column/label has no field come back as "label：value" (a table's 问题类别 column).
      // Where the 台账 differs from the body, its wording comes back as "label（附件台账）：value".
      const value = s.replace(/^(?:问题类别|整改类型|完成标准|整改标准|备注|[^：]{2,6}（附件台账）)：/, '');
      expect(flat.includes(value.replace(/\s/g, '')), `not in source: ${s.slice(0, 40)}`).toBe(true);
    }
  });

  it('lists every dropped line in the warnings', () => {
    for (const d of result.dropped.filter((x) => x.reason === 'debris')) {
      expect(result.warnings.some((w) => w.includes(d.text))).toBe(true);
    }
    if (result.dropped.some((x) => x.reason === 'outline')) expect(result.warnings.some((w) => w.includes('目录'))).toBe(true);
    if (result.dropped.some((x) => x.reason === 'appendix')) expect(result.warnings.some((w) => w.includes('附件'))).toBe(true);
  });
});
