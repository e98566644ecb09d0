// What stands below the body: the 附件说明 (附件：1.… 2.…), the 署名 and the 成文日期. They are read
// from the end of the body (before any attachment pages) because a 署名 looks like any short line and is
// only told apart by the date under it.
import { isDateLine } from './appendix.ts';
import { CLOSING_REASON, isClosingFormula, opensClosingParagraph } from './closing-formula.ts';
import { isShortHeading } from './headings.ts';
import { detectMarker } from './markers.ts';
import { newNode, type PlanBuilder } from './plan-builder.ts';
import type { SourceLine } from './types.ts';

export const ATTACHMENT = /^附\s*件\s*[：:]\s*(.*)$/;
const ATTACHMENT_ITEM = /^(\d{1,2})\s*[.．、]\s*(.+)$/;
const FOOTER = /^(?:说明|注|备注|填报人|填表人|审核人|审核|制表人|联系人|联系电话|填报时间|填报日期)\s*[（(：:]/;

function isIssuerCandidate(text: string): boolean {
  return text.length >= 2 && text.length <= 40 && !/[。；;，,：:！？!?]/.test(text) && !detectMarker(text) && !ATTACHMENT.test(text);
}

/**
 * The 成文日期 on the body's last line and the 署名 above it, and where the body then ends. The 署名
 * needs the date under it, and never takes the body's only line.
 */
export function readSignature(
  lines: readonly SourceLine[],
  start: number,
  bodyEnd: number,
): { issuer: string | null; date: string | null; end: number } {
  let end = bodyEnd;
  let issuer: string | null = null;
  let date: string | null = null;
  const last = lines[end - 1];
  if (isDateLine(last)) {
    date = last!.text.replace(/\s/g, '');
    end--;
    const before = lines[end - 1];
    if (before && !before.cells && end - 1 > start && isIssuerCandidate(before.text)) {
      issuer = before.text;
      end--;
    }
  }
  return { issuer, date, end };
}

function stripAttachment(s: string): string {
  return s.trim().replace(/[。；;，,.]+$/, '');
}

/**
 * A line of the 附件说明: "附件：1.…" opens it, numbered lines under it are further attachments (not
 * headings), and a short last line finishes a wrapped name. False for any other line, which closes it.
 */
export function readAttachmentNote(b: PlanBuilder, text: string, isTableRow: boolean, isLastLine: boolean): boolean {
  const att = ATTACHMENT.exec(text);
  if (att && !isTableRow) {
    b.attachMode = true;
    const rest = att[1]!.trim();
    if (rest !== '') {
      const item = ATTACHMENT_ITEM.exec(rest);
      b.attachments.push(stripAttachment(item ? item[2]! : rest));
      b.attachmentSources.push([text]);
    }
    return true;
  }
  if (b.attachMode) {
    const item = ATTACHMENT_ITEM.exec(text);
    if (item) {
      b.attachments.push(stripAttachment(item[2]!));
      b.attachmentSources.push([text]);
      return true;
    }
    if (isShortHeading(text) && b.attachments.length > 0 && isLastLine) {
      b.attachments[b.attachments.length - 1] += text;
      b.attachmentSources[b.attachmentSources.length - 1]!.push(text);
      return true;
    }
    b.attachMode = false;
  }
  return false;
}

/**
 * 特此报告 / 以上方案 and footers (填报人：…, 说明：…) near the end or under a table: they belong to the
 * whole plan, not to the last measure, so they go into one closing paragraph at the top level. A 填报日期
 * is the plan's date when it has no 成文日期.
 */
export function readClosing(b: PlanBuilder, text: string, nearEnd: boolean): boolean {
  const footer = FOOTER.test(text) && (b.stack.length > 0 || b.preamble.length > 0) && (b.table !== null || nearEnd || b.closing !== null);
  if (!(opensClosingParagraph(text) || footer)) return false;
  if (isClosingFormula(text)) b.notes.push({ kind: 'closing', line: text, reason: CLOSING_REASON, correctable: false });
  if (FOOTER.test(text) && b.date === null) {
    const d = /填报(?:时间|日期)\s*[：:]\s*(\S+日)/.exec(text);
    if (d) b.date = d[1]!;
  }
  if (!b.closing) {
    b.closing = newNode('paragraph', '', undefined);
    b.stack = [];
    b.roots.push(b.closing);
    b.stack.push({ node: b.closing, rank: 0.25 });
  }
  b.closing.body.push(text);
  b.table = null;
  return true;
}
