import { stripTitleFinalPunctuation } from '../text/title-lines.ts';

/**
 * The default 台账 title: the plan title with its final 方案 turned into 整改台账. The exporter prints it
 * and the importer recognises it when an exported file comes back, so both use this one rule.
 */
export function defaultLedgerTitle(title: string): string {
  const t = stripTitleFinalPunctuation(title.trim());
  const replaced = t.replace(/(?:整改)?(?:落实|实施|工作)?方案$/u, '整改台账');
  return replaced === t ? `${t}整改台账` : replaced;
}
