// Everything above a document's body, in the order it stands: web furniture and the page title
// (family 1), the title, a cover notice with the plan behind it (family 2), a report's 题注/报告人/称谓
// (family 8) and the 主送机关. Each step says why it read a line as it did (the preview's notes).
import type { CoverNotice } from '../domain/document.ts';
import { isNoticeTitle, readCoverNotice } from './cover-notice.ts';
import { readAddressee, readTitle } from './front-matter.ts';
import { locateTitleAfterFurniture } from './page-title.ts';
import type { PlanBuilder } from './plan-builder.ts';
import { readReportFrontMatter } from './report-front.ts';
import type { SourceLine } from './types.ts';

export interface DocumentFront {
  title: string;
  addressee: string | null;
  notice: CoverNotice | null;
  /** Index of the body's first line */
  bodyStart: number;
  /** Lines that open the preamble: a 版头 above the title, a report's front matter */
  preamble: string[];
}

export function readDocumentFront(b: PlanBuilder, lines: readonly SourceLine[], start: number, end: number, webFurniture: boolean): DocumentFront {
  const preamble: string[] = [];
  let title: string;
  let next: number;
  const located = locateTitleAfterFurniture(lines, start, end, webFurniture);
  if (located) {
    for (const f of located.furniture) {
      const text = lines[f.index]!.text;
      if (b.restored.has(text)) {
        preamble.push(text);
        continue;
      }
      b.dropped.push({ text, reason: 'debris' });
      b.warnings.push(`已去除网页杂项（${f.reason}）：${text}`);
      b.notes.push({ kind: 'dropped', line: text, reason: `${f.reason}，真正的标题在其后`, correctable: true });
    }
    for (const k of located.kept) preamble.push(lines[k]!.text);
    title = located.title;
    next = located.next;
    b.notes.push({ kind: 'title', line: title, reason: located.reason, correctable: false });
  } else {
    const t = readTitle(lines, start, end);
    title = t.title;
    next = t.next;
    if (title !== '') b.notes.push({ kind: 'title', line: title, reason: '位于全文开头、无句末标点、不带编号，按标题读取', correctable: false });
  }

  // A cover notice: its title, or at least its 主送 and "现将《…》印发给你们".
  let notice: CoverNotice | null = null;
  const read = readCoverNotice(lines, isNoticeTitle(title) ? title : '', isNoticeTitle(title) ? next : title === '' ? start : next, end);
  if (read && (isNoticeTitle(title) || title === '')) {
    notice = read.notice;
    if (read.attachmentLabel !== null) {
      b.dropped.push({ text: read.attachmentLabel, reason: 'appendix' });
      b.warnings.push(`方案作为印发通知的附件（“${read.attachmentLabel}”）排在通知之后，已将其作为文档本身导入`);
    }
    b.warnings.push(`识别到印发通知“${notice.title || notice.body[0]!.slice(0, 30)}”，已作为方案的印发通知单独保存；方案标题为“${read.planTitle}”，正文从其后开始`);
    b.notes.push({ kind: 'notice', line: notice.title || notice.body[0]!, reason: '“关于印发《…》的通知”及其主送、正文、落款和日期，是方案前面的印发通知，不是方案的章节', correctable: false });
    title = read.planTitle;
    next = read.planTitleNext;
    b.notes.push({ kind: 'title', line: title, reason: '印发通知之后方案自己的标题（与通知中《》内的名称对应）', correctable: false });
  } else if (read && title !== '' && !isNoticeTitle(title) && read.notice.addressee !== null && /^(?:现|兹|特)(?:将|把)《/.test(read.notice.body[0] ?? '')) {
    // A plan titled first, then a bare notice: keep the plan's title, the notice as its 印发通知.
    notice = { ...read.notice, title: '' };
    b.warnings.push('识别到印发通知（主送和“现将《…》印发给你们”），已作为方案的印发通知单独保存');
    b.notes.push({ kind: 'notice', line: read.notice.body[0]!, reason: '主送机关之后“现将《…》印发给你们”，是印发通知而非方案正文', correctable: false });
    if (read.planTitleNext > read.next) {
      // The plan's title again under the notice: the page showed it above already.
      for (let k = read.next; k < read.planTitleNext; k++) {
        b.dropped.push({ text: lines[k]!.text, reason: 'debris' });
        b.warnings.push(`已去除网页杂项（重复的标题）：${lines[k]!.text}`);
      }
    }
    next = read.planTitleNext;
  }

  const front = readReportFrontMatter(lines, next, end);
  if (front.lines.length > 0) {
    for (const l of front.lines) {
      preamble.push(l.text);
      b.notes.push({ kind: 'front-matter', line: l.text, reason: `报告的${l.role}，不是标题或章节，保留在开头段落`, correctable: false });
    }
    b.warnings.push(`识别到报告的${[...new Set(front.lines.map((l) => l.role))].join('、')}，已保留在开头段落：${front.lines.map((l) => l.text).join('；')}`);
    next = front.next;
  }
  let addressee: string | null = null;
  // A 称谓 alone (a speech's 同志们：) stays the addressee it has always been read as.
  if (!front.lines.some((l) => l.role === '称谓')) {
    const a = readAddressee(lines, next, end);
    addressee = a.addressee;
    next = a.next;
  }
  return { title, addressee, notice, bodyStart: next, preamble };
}
