// Source lines as the recognisers read them. Text from a file, a paste or a Word table arrives with stray
// white space, web-page clutter, PDF page furniture, hard line breaks and half-width punctuation; each
// recogniser would otherwise have to allow for all of it. What is dropped is listed, so nothing vanishes
// unseen.
import { normalizePunctuation } from '../text/punctuation.ts';
import { debrisReason } from './debris.ts';
import { reflowLines, runningHeaders } from './reflow.ts';
import type { DroppedLine, RecogniseNote, SourceLine } from './types.ts';
import { isMetadataLabelOnly, isMetadataValue, webFurnitureReason } from './web-furniture.ts';

/** Lines left out as page clutter: why, as the preview explains it on hover. */
const DEBRIS_NOTE: Record<string, string> = {
  页码: '页码（从 PDF 或打印稿复制时带入）',
  发布信息: '网页的发布时间、来源、访问量等信息，不属于公文',
  版权声明: '网页的版权声明',
  页面按钮: '网页上的按钮或链接文字',
};

function cleanLine(s: string): string {
  return s.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0]+$/g, '');
}

export function toLines(text: string): SourceLine[] {
  return text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((raw) => {
      if (raw.includes('\t')) {
        const cells = raw.split('\t').map(cleanLine);
        if (cells.filter((c) => c !== '').length >= 2) return { text: cleanLine(raw), cells };
      }
      return /^(?:[ \u00a0]{2,}|[ \u00a0]*[\u3000\t])[\s\u3000]*\S/.test(raw) ? { text: cleanLine(raw), indented: true } : { text: cleanLine(raw) };
    });
}

/**
 * Lines trimmed and punctuation-normalised, empty ones, debris and running headers dropped, hard-wrapped
 * paragraphs joined. Returns the number of punctuation marks changed (the import summary reports it).
 */
export function prepareLines(
  input: string | SourceLine[],
  warnings: string[],
  dropped: DroppedLine[],
  extra: { notes?: RecogniseNote[]; restore?: readonly string[] } = {},
): { lines: SourceLine[]; punctuationChanges: number; webFurniture: boolean } {
  const restore = new Set(extra.restore ?? []);
  const notes = extra.notes ?? [];
  /** Web-page furniture stood above the document (family 1): the title is looked for behind it. */
  let webFurniture = false;
  let metaValueDue = false;
  let lastWasMeta = false;
  let punctuationChanges = 0;
  const raw =
    typeof input === 'string'
      ? toLines(input)
      : input.map((l) => ({ text: cleanLine(l.text), ...(l.cells ? { cells: l.cells.map(cleanLine) } : {}), ...(l.indented ? { indented: true } : {}) }));
  let lines: SourceLine[] = [];
  /** Indices into `lines` where a page number stood (the page furniture around it is dropped too) */
  const pageBreaks = new Set<number>();
  for (const l of raw) {
    const norm = (s: string) => {
      const r = normalizePunctuation(s);
      punctuationChanges += r.changes;
      return r.text;
    };
    // "• 信息索引号：" on one line, its value on the next: both are the metadata block.
    const metaLabel: boolean = !l.cells && isMetadataLabelOnly(l.text, metaValueDue || lastWasMeta);
    const metaValue: boolean = !l.cells && metaValueDue && !metaLabel && isMetadataValue(l.text);
    metaValueDue = metaLabel;
    const furniture: string | null = metaLabel || metaValue ? '信息公开目录' : webFurnitureReason(l.text, l.cells);
    lastWasMeta = furniture === '信息公开目录' || furniture === '信息公开目录表格';
    if (furniture) {
      const shown = normalizePunctuation(l.cells ? l.cells.filter((c) => c !== '').join('\t') : l.text).text;
      if (!restore.has(shown)) {
        dropped.push({ text: shown, reason: 'debris' });
        warnings.push(`已去除网页杂项（${furniture}）：${shown}`);
        notes.push({ kind: 'dropped', line: shown, reason: `网页杂项（${furniture}），不属于公文正文`, correctable: true });
        if (lines.length < 12) webFurniture = true;
        continue;
      }
    }
    if (l.cells && l.cells.filter((c) => c !== '').length >= 2) {
      const cells = l.cells.map(norm);
      lines.push({ text: cells.join('\t'), cells });
      continue;
    }
    // Text lines are normalised after 断行重排: a mark cut off at a line start ("2" | ")对…") needs
    // its neighbours to be recognised.
    const text = l.cells ? l.cells.filter((c) => c !== '').join('') : l.text;
    if (text === '') continue;
    const reason = debrisReason(text);
    const shownText = reason ? normalizePunctuation(text).text : '';
    if (reason && !restore.has(shownText)) {
      const shown = shownText;
      dropped.push({ text: shown, reason: 'debris' });
      notes.push({ kind: 'dropped', line: shown, reason: DEBRIS_NOTE[reason] ?? `网页杂项（${reason}）`, correctable: true });
      if (reason !== '页码' && lines.length < 12) webFurniture = true;
      warnings.push(reason === '页码' ? `已去除页码：${shown}` : `已去除网页杂项（${reason}）：${shown}`);
      if (reason === '页码') pageBreaks.add(lines.length);
      continue;
    }
    lines.push(l.indented ? { text, indented: true } : { text });
  }

  if (pageBreaks.size > 0) {
    const headers = new Set(runningHeaders(lines, pageBreaks));
    if (headers.size > 0) {
      const shown = (k: number) => normalizePunctuation(lines[k]!.text).text;
      for (const k of headers) {
        dropped.push({ text: shown(k), reason: 'debris' });
        notes.push({ kind: 'dropped', line: shown(k), reason: '每页重复的页眉（从 PDF 复制时带入）', correctable: false });
      }
      warnings.push(`已去除每页重复的页眉（${headers.size}处）：${[...new Set([...headers].map(shown))].join('、')}`);
      lines = lines.filter((_l, k) => !headers.has(k));
    }
  }
  {
    const reflowed = reflowLines(lines);
    if (reflowed.joins > 0) {
      lines = reflowed.lines;
      warnings.push(
        reflowed.wrapWidth !== null
          ? `原文按每行约${Math.round(reflowed.wrapWidth)}字硬换行（常见于从 PDF 或网页复制的文字），已将${reflowed.joins}处句中断行合并为段落，请核对`
          : `已将${reflowed.joins}处句中断行（行末为逗号、顿号等）与下一行合并`,
      );
    }
  }
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.cells) continue;
    const r = normalizePunctuation(l.text);
    punctuationChanges += r.changes;
    lines[k] = { text: r.text };
  }
  return { lines, punctuationChanges, webFurniture };
}
