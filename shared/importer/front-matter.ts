// What stands above the body: the title (one to three lines, as GB/T 9704 lets it wrap) and the 主送机关.
// Both are recognised by shape, not position alone, so a plan pasted without a title keeps its first
// paragraph as text instead of losing it into the title.
import { isTitleCandidate } from './appendix.ts';
import { ATTACHMENT } from './back-matter.ts';
import { detectMarker } from './markers.ts';
import { fieldForLabel } from './responsibility.ts';
import { TITLE_END } from './page-title.ts';
import type { SourceLine } from './types.ts';

/** The title starting at `from` ('' when there is none) and the line after it. */
export function readTitle(lines: readonly SourceLine[], from: number, end: number): { title: string; next: number } {
  let title = '';
  let i = from;
  const candidates: string[] = [];
  for (let k = i; k < Math.min(end, i + 3); k++) {
    const l = lines[k]!;
    if (l.cells || !isTitleCandidate(l.text) || detectMarker(l.text)) break;
    candidates.push(l.text);
    if (TITLE_END.test(l.text)) break;
  }
  let take = 0;
  if (candidates.length > 0) {
    const endsAt = candidates.findIndex((c) => TITLE_END.test(c));
    // A lone short line that is not a title word and is followed by prose is still the title.
    take = endsAt >= 0 ? endsAt + 1 : 1;
  }
  if (take > 0) {
    title = candidates.slice(0, take).join('');
    i += take;
  }
  return { title, next: i };
}

/** The 主送机关 line ("各党支部：") at `i`, if it is one, and the line after it. */
export function readAddressee(lines: readonly SourceLine[], i: number, end: number): { addressee: string | null; next: number } {
  const l = lines[i];
  if (l && !l.cells && i < end && /[：:]$/.test(l.text) && l.text.length <= 40 && !detectMarker(l.text) && !ATTACHMENT.test(l.text) && !fieldForLabel(l.text.slice(0, -1))) {
    return { addressee: l.text.slice(0, -1), next: i + 1 };
  }
  return { addressee: null, next: i };
}
