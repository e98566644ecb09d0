// Family 3 of issue 13: fields written in the measure's own paragraph, after its sentence —
// "压减会议文件数量，严控会议规模。牵头领导：副秘书长 王某；牵头部门：办公室、研究室；完成时间：2026年6月30日前。"
// — or closed in a bracket of any kind at its end: （…） ［…］ 【…】 〔…〕. The labels are those of
// domain.md §7.3; the separators ；; ，, spaces. The text before the labels stays the measure's text.
import { RESPONSIBILITY_LABELS, fieldForLabel } from './responsibility.ts';

const KEY_ALT = RESPONSIBILITY_LABELS.join('|');
// Escaped for use inside a character class.
const OPENERS = '（(［\\[【〔';
const CLOSERS = '）)］\\]】〕';
/** A labelled block in brackets closing the paragraph. Inner brackets (办公室（财务）) may nest once. */
const BRACKET_TAIL = new RegExp(
  `[${OPENERS}]\\s*(?:${KEY_ALT})\\s*[：:][^${OPENERS}${CLOSERS}]*(?:[（(][^（()）]*[）)][^${OPENERS}${CLOSERS}]*)*[${CLOSERS}]\\s*[。.；;]?\\s*$`,
);
/** Where run-on labels may start: after a sentence's end, a ；/， or a space — never inside a clause. */
const RUN_ON_START = new RegExp(`(?<=[。！？；;，,\\s\u3000])\\s*(?=(?:${KEY_ALT})\\s*[：:])`, 'g');
const LABEL_AT = new RegExp(`^(?:${KEY_ALT})\\s*[：:]`);

export type FieldTailKind = 'bracket' | 'run-on';

export interface FieldTail {
  body: string;
  block: string;
  kind: FieldTailKind;
}

/** Why fields were read from a paragraph, as the preview says it. */
export const FIELD_TAIL_REASONS: Record<FieldTailKind, string> = {
  bracket: '措施段落末尾括号内的责任标签',
  'run-on': '措施句之后接续的责任标签（以“；”分隔）',
};

/** Every segment of a run-on block starts with a label, and at least one label is a real field. */
function isLabelRun(block: string): boolean {
  const parts = block.split(/[；;]/).map((p) => p.trim()).filter((p) => p !== '' && p !== '。');
  if (parts.length === 0 || !parts.every((p) => LABEL_AT.test(p))) return false;
  const labels = parts.map((p) => /^([^：:]+)/.exec(p)![1]!.trim());
  return labels.some((l) => {
    const f = fieldForLabel(l);
    return f !== undefined && f !== 'extra' && f !== 'status';
  });
}

/** Splits a paragraph into its text and the labelled fields that close it; null when none do. */
export function splitFieldTail(text: string): FieldTail | null {
  const m = BRACKET_TAIL.exec(text);
  if (m && m.index > 0) return { body: text.slice(0, m.index).replace(/[\s\u3000]+$/, ''), block: m[0], kind: 'bracket' };
  for (const start of text.matchAll(RUN_ON_START)) {
    const at = start.index ?? 0;
    const block = text.slice(at).trim();
    if (at > 0 && block.length <= 240 && !/[。！？](?=.)/.test(block.replace(/[。.]\s*$/, '')) && isLabelRun(block)) {
      return { body: text.slice(0, at).replace(/[\s\u3000]+$/, ''), block, kind: 'run-on' };
    }
  }
  return null;
}
