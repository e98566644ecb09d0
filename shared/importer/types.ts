import type { PlanDocument } from '../domain/document.ts';

/** One line of source text; a table row (tab-separated text, a Word table row) also carries its cells. */
export interface SourceLine {
  text: string;
  cells?: string[];
  /** The line began with an indent (a new paragraph in hard-wrapped text) */
  indented?: boolean;
}

export interface RecogniseOptions {
  /** Title to use when the text has none (e.g. the file name without extension) */
  fallbackTitle?: string;
  /** Year that dates without a year (12月底前) belong to; default: the plan's own year if it names one */
  referenceYear?: number;
}

export interface RecogniseCounts {
  sections: number;
  measures: number;
  problems: number;
  attachments: number;
  /** Punctuation marks changed to GB/T 15834 */
  punctuationChanges: number;
}

/** A source line that deliberately does not reach the plan, with the reason (each is also a warning). */
export interface DroppedLine {
  text: string;
  /**
   * debris: web-page clutter; outline: a leading table of contents repeated by the body; appendix: an
   * attachment page's label, and 台账 rows/title the body's measures already hold (cross-checked first).
   */
  reason: 'debris' | 'outline' | 'appendix';
}

export interface RecogniseResult {
  document: PlanDocument;
  warnings: string[];
  counts: RecogniseCounts;
  dropped: DroppedLine[];
}
