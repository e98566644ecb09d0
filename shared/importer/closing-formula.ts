// Family 5 of issue 13: the closing formula of a report, notice or request — 特此报告。/ 特此通知。/
// 以上报告，请审议。/ 妥否，请批示。 — stands after the last section and before the 落款. It belongs to
// the whole document (a closing paragraph), never to the last measure and never a section of its own.

const CLOSING =
  /^(?:特此(?:报告|通知|通报|函告|函复|请示|说明|批复|公告|证明)|专此(?:报告|函告|说明)|此复|此致|以上(?:方案|报告|意见|请示|情况)(?:[，,].{0,30})?|妥否[，,]\s*请.{1,6}|当否[，,]\s*请.{1,6}|如无不妥[，,].{1,20})/;

/** Whether a line is a closing formula (特此报告。 …) rather than content of the last item. */
export function isClosingFormula(text: string): boolean {
  return CLOSING.test(text.trim());
}

/** A closing formula, or a speech's closing paragraph ("同志们，…"): either belongs to the whole text. */
export function opensClosingParagraph(text: string): boolean {
  return isClosingFormula(text) || /^同志们[，,！!]/.test(text.trim());
}

export const CLOSING_REASON = '公文结束语（特此报告/特此通知等），属于全文而非最后一项措施';
