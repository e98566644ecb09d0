// What stands below the body: the 附件说明 (附件：1.… 2.…), the 署名 and the 成文日期. They are read
// from the end of the body (before any attachment pages) because a 署名 looks like any short line and is
// only told apart by the date under it.
import { isDateLine } from './appendix.ts';
import { detectMarker } from './markers.ts';
import type { SourceLine } from './types.ts';

export const ATTACHMENT = /^附\s*件\s*[：:]\s*(.*)$/;

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
