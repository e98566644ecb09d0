import type { PlanDocument } from '../domain/document.ts';

/** One line of source text; a table row (tab-separated text, a Word table row) also carries its cells. */
export interface SourceLine {
  text: string;
  cells?: string[];
  /** The line began with an indent (a new paragraph in hard-wrapped text) */
  indented?: boolean;
}

/** Corrections the user made in the import preview; recognition runs again with them. */
export interface RecogniseCorrections {
  /** Lines (as the preview shows them) that must not be headings: they stay paragraphs */
  demote?: string[];
  /** Dropped lines (as the preview shows them) that are content after all: they are kept */
  restore?: string[];
}

export interface RecogniseOptions {
  /** Title to use when the text has none (e.g. the file name without extension) */
  fallbackTitle?: string;
  /** Year that dates without a year (12月底前) belong to; default: the plan's own year if it names one */
  referenceYear?: number;
  corrections?: RecogniseCorrections;
  /** Names of leaders, departments and persons the user's 人员与部门名录 knows (family 7: real owners) */
  knownNames?: readonly string[];
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

/**
 * Why the recogniser read a line as it did, for the preview (a short Chinese reason on hover):
 * title — the line chosen as the title; dropped — web furniture left out (restorable); heading — an
 * unnumbered line read as a heading (demotable); field — measure fields read from a line; notice — the
 * 印发通知 in front of the plan; front-matter — a report's 题注/报告人/称谓; closing — 特此报告 and the like.
 */
export const NOTE_KINDS = ['title', 'dropped', 'heading', 'field', 'notice', 'front-matter', 'closing'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface RecogniseNote {
  kind: NoteKind;
  /** The source line (normalised as the preview shows it) the note is about */
  line: string;
  reason: string;
  /** The user can undo this reading in one click (demote a heading, restore a dropped line) */
  correctable: boolean;
}

export interface RecogniseResult {
  document: PlanDocument;
  warnings: string[];
  counts: RecogniseCounts;
  dropped: DroppedLine[];
  notes: RecogniseNote[];
}
