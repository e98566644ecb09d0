import type { DocNode, MeasureFields, PlanDocument } from '../../../shared/domain/document.ts';
import type { ExportSettings } from '../../../shared/domain/export-settings.ts';
import { walkNumbered, type NumberingLevel } from '../../../shared/numbering.ts';
import { normalizePunctuation } from '../../../shared/text/punctuation.ts';
import { splitTitleLines, stripTitleFinalPunctuation, titleWidth, TITLE_MAX_CHARS } from '../../../shared/text/title-lines.ts';
import { buildLedger, defaultLedgerTitle, type LedgerTable } from '../../../shared/ledger/index.ts';
import { formatDocDate } from './doc-date.ts';
import type { FontRole } from './fonts.ts';
import { CELL, SIZE_BODY, SIZE_TITLE, textWidthTwips } from './metrics.ts';

/**
 * The plan as a list of typeset paragraphs (blocks), independent of the output format: the .docx
 * writer turns them into WordprocessingML and the preview lays the same blocks out into pages, so
 * both agree on every line.
 */
export interface Run {
  text: string;
  role: FontRole;
  bold?: boolean;
}

export type BlockKind =
  | 'title'
  | 'blank'
  | 'addressee'
  | 'body'
  | 'heading'
  | 'measure'
  | 'responsibility'
  | 'attachment-note'
  | 'signature'
  | 'date';

export type Align = 'center' | 'both' | 'left' | 'right';

export interface Block {
  kind: BlockKind;
  runs: Run[];
  /** half-points */
  size: number;
  align: Align;
  /** first-line indent in hundredths of a character (200 = 左空二字) */
  firstLineChars?: number;
  /** twips */
  left?: number;
  hanging?: number;
  right?: number;
  keepNext?: boolean;
  /** Starts a new page (the plan after its 印发通知) */
  pageBreakBefore?: boolean;
  /** Numbering level of a heading/measure (for the round trip and the preview) */
  level?: NumberingLevel;
}

export interface LedgerAppendix {
  /** 附件 / 附件2 */
  label: string;
  title: string;
  table: LedgerTable<DocNode>;
  fontSize: 24 | 28;
}

export interface PlanLayout {
  blocks: Block[];
  appendix: LedgerAppendix | null;
  warnings: string[];
  /** Punctuation marks changed to the standard forms */
  punctuationChanges: number;
}

const IND2 = 200;
const TERMINAL = /[。！？：；…”’）》]$/u;

function levelRole(level: NumberingLevel): FontRole {
  if (level === 1) return 'hei';
  if (level === 2) return 'kai';
  return 'fang';
}

export function countMeasures(nodes: readonly DocNode[]): number {
  let n = 0;
  for (const node of nodes) n += (node.kind === 'measure' ? 1 : 0) + countMeasures(node.children);
  return n;
}

/** （责任领导：…；责任部门：…；完成时限：…）, only with the fields that are filled in. */
export function responsibilityText(m: MeasureFields): string | null {
  const parts: string[] = [];
  if (m.leader) parts.push(`责任领导：${m.leader}`);
  if (m.department) parts.push(`责任部门：${m.department}`);
  if (m.cooperating.length > 0) parts.push(`配合部门：${m.cooperating.join('、')}`);
  if (m.person) parts.push(`责任人：${m.person}`);
  if (m.deadline) parts.push(`完成时限：${m.deadline}`);
  return parts.length > 0 ? `（${parts.join('；')}）` : null;
}

/** Text normalised to the standard marks, counting the changes for one notice at the end. */
export interface Typesetter {
  norm(text: string): string;
  warnings: string[];
  readonly changes: number;
}

export function typesetter(warnings: string[] = []): Typesetter {
  let changes = 0;
  return {
    norm(text) {
      const r = normalizePunctuation(text);
      changes += r.changes;
      return r.text;
    },
    warnings,
    get changes() {
      return changes;
    },
  };
}

export const blankBlock = (): Block => ({ kind: 'blank', runs: [], size: SIZE_BODY, align: 'both' });

export function bodyBlock(text: string): Block {
  return { kind: 'body', runs: [{ text, role: 'fang' }], size: SIZE_BODY, align: 'both', firstLineChars: IND2 };
}

/** 标题 lines (2号小标宋, centred) and the empty row under them; `lines` = the user's own split. */
export function titleBlocks(rawTitle: string, lines: readonly string[] | null, t: Typesetter, what = '标题'): Block[] {
  const normalized = t.norm(rawTitle.trim());
  const title = stripTitleFinalPunctuation(normalized);
  if (title !== normalized) t.warnings.push(`${what}末尾的标点已去掉（公文标题末尾不加标点）。`);
  let titleLines: string[];
  if (lines) {
    titleLines = lines.map((l) => t.norm(l));
    if (titleLines.join('') !== title) t.warnings.push(`自定义的${what}分行与${what === '标题' ? '方案标题' : what}文字不一致，已按自定义分行输出。`);
  } else {
    titleLines = splitTitleLines(title);
  }
  for (const line of titleLines) {
    if (titleWidth(line) > TITLE_MAX_CHARS) t.warnings.push(`${what}行“${line}”超过${TITLE_MAX_CHARS}字，将自动折行。`);
  }
  if (titleLines.length === 0) t.warnings.push(what === '标题' ? '方案没有标题。' : `没有${what}。`);
  return [...titleLines.map((line): Block => ({ kind: 'title', runs: [{ text: line, role: 'xbs' }], size: SIZE_TITLE, align: 'center' })), blankBlock()];
}

/** 主送机关: flush left, wrapped lines flush left too, ends with a full-width colon. */
export function addresseeBlock(text: string, t: Typesetter): Block {
  return { kind: 'addressee', runs: [{ text: t.norm(text.trim()).replace(/[：:]*$/u, '：'), role: 'fang' }], size: SIZE_BODY, align: 'both' };
}

/** 成文日期 in the standard form (warning when rewritten or unreadable); null when there is none. */
export function documentDate(raw: string | null | undefined, t: Typesetter, what = '成文日期'): string | null {
  if (!raw?.trim()) return null;
  const date = formatDocDate(raw);
  if (date === null) {
    t.warnings.push(`${what}“${raw}”不是标准写法（如2025年12月15日），已按原文输出。`);
    return t.norm(raw.trim());
  }
  if (date !== raw.trim()) t.warnings.push(`${what}已改为标准写法：${date}。`);
  return date;
}

/**
 * 发文机关署名 and 成文日期 (§7.3.5) with the empty rows above them: with a seal the date 右空四字 and the
 * name centred on it; without, the name 右空二字 and the date two characters right of the name.
 */
export function signatureBlocks(issuer: string | null, date: string | null, seal: boolean): Block[] {
  if (!issuer && !date) return [];
  const out: Block[] = [];
  const wName = issuer ? textWidthTwips(issuer) : 0;
  const wDate = date ? textWidthTwips(date) : 0;
  let rName: number;
  let rDate: number;
  if (seal) {
    rDate = 4 * CELL;
    rName = Math.max(0, rDate + Math.round((wDate - wName) / 2));
    out.push(blankBlock(), blankBlock());
  } else {
    rName = 2 * CELL;
    rDate = wName - wDate;
    if (!issuer || rDate < 2 * CELL) {
      rDate = 2 * CELL;
      if (issuer) rName = 4 * CELL + wDate - wName;
    }
    out.push(blankBlock());
  }
  if (issuer) out.push({ kind: 'signature', runs: [{ text: issuer, role: 'fang' }], size: SIZE_BODY, align: 'right', right: rName });
  if (date) out.push({ kind: 'date', runs: [{ text: date, role: 'fang' }], size: SIZE_BODY, align: 'right', right: rDate });
  return out;
}

/** Appends the closing blocks so that they stay on one page with the last line before them. */
export function appendTail(blocks: Block[], tail: Block[]): void {
  if (tail.length === 0) return;
  const last = blocks[blocks.length - 1];
  if (last && last.kind !== 'blank') last.keepNext = true;
  tail.forEach((b, i) => {
    if (i < tail.length - 1) b.keepNext = true;
  });
  blocks.push(...tail);
}

export function buildPlanLayout(doc: PlanDocument, settings: ExportSettings): PlanLayout {
  const warnings: string[] = [];
  const t = typesetter(warnings);
  const norm = t.norm;
  const blocks: Block[] = [];
  const body = (text: string): Block => bodyBlock(norm(text));

  // 标题
  blocks.push(...titleBlocks(doc.title, settings.titleLines, t));
  const title = stripTitleFinalPunctuation(normalizePunctuation(doc.title.trim()).text);

  if (settings.showAddressee && doc.addressee && doc.addressee.trim() !== '') blocks.push(addresseeBlock(doc.addressee, t));
  for (const p of doc.preamble) if (p.trim() !== '') blocks.push(body(p));

  const level3Numbering = settings.level3Numbering ?? doc.level3Numbering;
  walkNumbered(doc.sections, { level3Numbering }, (node, marker, level) => {
    const role = levelRole(level);
    const heading = norm(node.heading.trim());
    const rest = node.body.map((b) => b.trim()).filter((b) => b !== '');
    if (node.kind === 'paragraph') {
      if (heading !== '') blocks.push(body(heading));
      for (const b of rest) blocks.push(body(b));
      return;
    }
    const bold = node.style.bold ?? ((level === 3 && settings.boldLeadSentence) || (level === 2 && settings.boldLevel2));
    // A section with sub-items keeps its heading on its own line (its body introduces the items);
    // a leaf section at level ≥ 2 runs its heading into the first body paragraph.
    const runIn =
      node.kind === 'measure' || (level >= 2 && rest.length > 0 && node.children.length === 0 && !node.style.standalone);
    if (heading === '' && marker === '') {
      for (const b of rest) blocks.push(body(b));
    } else if (runIn && rest.length > 0) {
      // Lead sentence and first body paragraph share one paragraph; heading run in its level's face.
      const lead = TERMINAL.test(heading) || heading === '' ? heading : `${heading}。`;
      blocks.push({
        kind: node.kind === 'measure' ? 'measure' : 'heading',
        runs: [
          { text: marker + lead, role, bold },
          { text: norm(rest[0]!), role: 'fang' },
        ],
        size: SIZE_BODY,
        align: 'both',
        firstLineChars: IND2,
        level,
      });
      for (const b of rest.slice(1)) blocks.push(body(b));
    } else {
      // Stand-alone heading: keep it with the next line so it never ends a page.
      const hasFollower = rest.length > 0 || node.children.length > 0;
      blocks.push({
        kind: node.kind === 'measure' ? 'measure' : 'heading',
        runs: [{ text: marker + heading, role, bold }],
        size: SIZE_BODY,
        align: 'both',
        firstLineChars: IND2,
        keepNext: node.kind !== 'measure' && hasFollower,
        level,
      });
      for (const b of rest) blocks.push(body(b));
    }
    if (node.kind === 'measure' && node.measure && settings.responsibilityLine) {
      const line = responsibilityText(node.measure);
      if (line) {
        blocks.push({ kind: 'responsibility', runs: [{ text: norm(line), role: 'kai' }], size: SIZE_BODY, align: 'both', firstLineChars: IND2 });
      }
    }
  });

  // 附件说明, with the ledger as one of the attachments.
  const attachments = doc.attachments.map((a) => stripTitleFinalPunctuation(norm(a.trim()))).filter((a) => a !== '');
  const measures = countMeasures(doc.sections);
  let appendix: LedgerAppendix | null = null;
  if (settings.ledger && measures === 0) warnings.push('方案没有整改措施，未附整改台账。');
  if (settings.ledger && measures > 0) {
    let index = attachments.findIndex((a) => /台账|清单|一览表/u.test(a));
    const ledgerTitle = settings.ledgerTitle ? norm(settings.ledgerTitle) : index >= 0 ? attachments[index]! : defaultLedgerTitle(title);
    if (index < 0) {
      attachments.push(ledgerTitle);
      index = attachments.length - 1;
    } else if (attachments[index] !== ledgerTitle) {
      warnings.push(`附件说明中的“${attachments[index]}”已改为台账标题“${ledgerTitle}”，使二者一致。`);
      attachments[index] = ledgerTitle;
    }
    const table = buildLedger(doc, { columns: settings.ledgerColumns, level3Numbering });
    for (const row of table.rows) for (const cell of row.cells) if (cell) cell.text = norm(cell.text);
    appendix = { label: attachments.length > 1 ? `附件${index + 1}` : '附件', title: ledgerTitle, table, fontSize: settings.ledgerFontSize };
    const others = attachments.length - 1;
    if (others > 0) warnings.push(`附件说明列有${others}个其他附件，其内容不在方案中，需另行附上。`);
  } else if (attachments.length > 0) {
    warnings.push('附件说明列出的附件内容不在方案中，需另行附上。');
  }

  // Everything from the last body paragraph to the date stays together (never a lone signature page).
  const tail: Block[] = [];
  if (attachments.length > 0) {
    tail.push(blankBlock());
    const w = (label: string): number => textWidthTwips(label);
    if (attachments.length === 1) {
      tail.push({
        kind: 'attachment-note',
        runs: [{ text: `附件：${attachments[0]}`, role: 'fang' }],
        size: SIZE_BODY,
        align: 'left',
        left: 5 * CELL,
        hanging: 3 * CELL,
      });
    } else {
      attachments.forEach((name, i) => {
        const label = `${i + 1}.`;
        const lw = w(label);
        tail.push({
          kind: 'attachment-note',
          runs: [{ text: `${i === 0 ? '附件：' : ''}${label}${name}`, role: 'fang' }],
          size: SIZE_BODY,
          align: 'left',
          left: 5 * CELL + lw,
          hanging: i === 0 ? 3 * CELL + lw : lw,
        });
      });
    }
  }
  const issuer = doc.issuer?.trim() ? norm(doc.issuer.trim()) : null;
  const date = documentDate(doc.date, t);
  if (settings.showSignature) tail.push(...signatureBlocks(issuer, date, settings.seal));
  appendTail(blocks, tail);
  if (t.changes > 0) warnings.push(`已将${t.changes}处标点改为规范的全角形式。`);
  return { blocks, appendix, warnings, punctuationChanges: t.changes };
}
