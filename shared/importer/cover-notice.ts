// Family 2 of issue 13: a plan issued under a cover notice. The text starts with
// "…关于印发《…整改方案》的通知" (or only with its 主送 and "现将《…》印发给你们…"), the notice's
// 落款 and date, and then the plan with its own title. The plan is the document; the notice is kept
// whole as its 印发通知 (PlanDocument.notice) instead of its 落款 and date becoming sections.
import type { CoverNotice } from '../domain/document.ts';
import { isAppendixLabel, isDateLine, isTitleCandidate } from './appendix.ts';
import { detectMarker } from './markers.ts';
import { readTitle } from './front-matter.ts';
import { TITLE_END } from './page-title.ts';
import type { SourceLine } from './types.ts';

const NOTICE_TITLE = /(?:印发|转发|下发)\s*[《“"]?.+?[》”"]?\s*的?(?:通知|通报)$/;
const ISSUING_SENTENCE = /^(?:现(?:将|把)|兹将|特将)\s*《([^》]+)》\s*(?:印发|转发|下发|发)给/;
const BOOK_NAME = /《([^》]+)》/;
/** Notes below a notice's date: (此件公开发布), (此件发至县级) */
const DISTRIBUTION = /^[（(]\s*此件[^（）()]*[）)]$/;

/** The plan a notice names: 印发《X》的通知 → X (also 印发X的通知 without book-title marks). */
export function planNameOf(noticeTitle: string): string | null {
  return BOOK_NAME.exec(noticeTitle)?.[1] ?? /(?:印发|转发|下发)(.+?)的?(?:通知|通报)$/.exec(noticeTitle)?.[1] ?? null;
}

/**
 * A notice whose plan follows as its attachment ("附件" label, then the plan's title): the index of that
 * label, or -1. Such a plan is the document, not an attachment page of the notice.
 */
export function attachedPlanLabel(lines: readonly SourceLine[], from: number, appStart: number): number {
  if (appStart >= lines.length || !isAppendixLabel(lines[appStart])) return -1;
  const head = lines.slice(from, Math.min(appStart, from + 16)).find((l) => !l.cells && isNoticeTitle(l.text));
  const issuing = lines.slice(from, appStart).map((l) => ISSUING_SENTENCE.exec(l.text)?.[1]).find((x) => x !== undefined);
  const name = (head ? planNameOf(head.text) : null) ?? issuing ?? null;
  if (name === null) return -1;
  const titleKey = key(lines.slice(appStart + 1, appStart + 3).map((l) => l.text).join(''));
  return titleKey.startsWith(key(name)) ? appStart : -1;
}

export interface CoverNoticeRead {
  notice: CoverNotice;
  /** Index of the plan's first line (its title, or its first paragraph when it has none of its own) */
  next: number;
  /** The plan's own title ('' when the plan repeats none: it then comes from the notice's 《…》) */
  planTitle: string;
  planTitleNext: number;
  /** The 附件 label the plan stood under, when it was issued as the notice's attachment */
  attachmentLabel: string | null;
}

function key(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether a title is a cover notice's ("关于印发《…》的通知"). */
export function isNoticeTitle(title: string): boolean {
  return NOTICE_TITLE.test(title);
}

/**
 * Reads a cover notice starting at `from` (the line after the notice's title, or the notice's 主送 when
 * the notice has no title). Null when the text is not a plan behind a notice.
 */
export function readCoverNotice(lines: readonly SourceLine[], noticeTitle: string, from: number, end: number): CoverNoticeRead | null {
  let i = from;
  let addressee: string | null = null;
  const first = lines[i];
  if (first && !first.cells && /[：:]$/.test(first.text) && first.text.length <= 80 && !detectMarker(first.text)) {
    addressee = first.text.slice(0, -1);
    i++;
  }
  const issuing = lines[i] && !lines[i]!.cells ? ISSUING_SENTENCE.exec(lines[i]!.text) : null;
  if (!isNoticeTitle(noticeTitle) && !(addressee !== null && issuing)) return null;
  const planName = BOOK_NAME.exec(noticeTitle)?.[1] ?? issuing?.[1] ?? BOOK_NAME.exec(lines[i]?.text ?? '')?.[1] ?? planNameOf(noticeTitle);

  // The notice ends at its date (with the 落款 above it), or just before a line repeating the plan's name.
  const body: string[] = [];
  let issuer: string | null = null;
  let date: string | null = null;
  let k = i;
  const limit = Math.min(end, i + 40);
  for (; k < limit; k++) {
    const l = lines[k]!;
    if (planName !== null && key(l.text) === key(planName) && k > i) break;
    if (isDateLine(l)) {
      date = l.text.replace(/\s/g, '');
      const before = body[body.length - 1];
      if (before !== undefined && isTitleCandidate(before) && !/[。；，：]/.test(before) && before.length <= 40 && body.length > 1) issuer = body.pop()!;
      k++;
      while (k < end && DISTRIBUTION.test(lines[k]!.text)) body.push(lines[k++]!.text);
      break;
    }
    if (l.cells || (detectMarker(l.text) && body.length > 0 && planName !== null)) return null;
    body.push(l.text);
  }
  if (date === null && !(planName !== null && k < limit)) return null;
  if (body.length === 0) return null;

  // The plan's own title follows (1–3 lines), unless the plan starts straight with its text; a plan
  // issued as the notice's attachment stands under a 附件 label.
  const label = k < end && isAppendixLabel(lines[k]) ? k : -1;
  if (label >= 0) k++;
  let planTitle = '';
  let planTitleNext = k;
  const own = readTitle(lines, k, end);
  if (own.title !== '' && (TITLE_END.test(own.title) || (planName !== null && key(own.title) === key(planName)))) {
    planTitle = own.title;
    planTitleNext = own.next;
  }
  if (planTitle === '' && planName !== null) planTitle = planName;
  return {
    notice: { title: noticeTitle, addressee, body, issuer, date },
    next: k,
    planTitle,
    planTitleNext,
    attachmentLabel: label >= 0 ? lines[label]!.text : null,
  };
}
