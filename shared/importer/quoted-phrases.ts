// Family 9 of issue 13: numbers inside quotation marks or book-title marks are names, not counts —
// 落实“十项措施”和“三个清单”工作机制 names a slogan, it does not claim ten measures. The summary
// cross-check reads a text with such phrases masked.

const QUOTED = /“[^“”]{1,30}”|"[^"]{1,30}"|「[^「」]{1,30}」|‘[^‘’]{1,30}’|《[^《》]{1,60}》/g;

/** The text with every quoted or book-title phrase replaced by a neutral mark of the same length. */
export function maskQuotedPhrases(text: string): string {
  return text.replace(QUOTED, (m) => '□'.repeat(m.length));
}
