import { z } from 'zod';
import { MEASURE_STATUSES } from './status.ts';
import { DEADLINE_KINDS } from './deadline.ts';

/**
 * The plan as a document: what the importer produces, what the exporter consumes and what the store
 * saves and loads. Numbering markers (一、（一）1.) are never part of the text: they are derived from
 * `level` and the node's place in the outline (see shared/numbering.ts).
 */

export const MeasureStatusSchema = z.enum(MEASURE_STATUSES);
export const DeadlineKindSchema = z.enum(DEADLINE_KINDS);

export const MeasureFieldsSchema = z.object({
  /** 责任领导 / 牵头领导 */
  leader: z.string().nullable(),
  /** 责任部门 / 责任单位 / 牵头部门 */
  department: z.string().nullable(),
  /** 配合部门 */
  cooperating: z.array(z.string()),
  /** 责任人 */
  person: z.string().nullable(),
  /** 完成时限, verbatim */
  deadline: z.string().nullable(),
  deadlineKind: DeadlineKindSchema.nullable(),
  /** ISO date (YYYY-MM-DD) the deadline resolves to, for sorting and overdue warnings */
  deadlineDate: z.string().nullable(),
  status: MeasureStatusSchema,
  /** The status words as written (整改情况：已完成，…), verbatim; null when none */
  statusText: z.string().nullable(),
});
export type MeasureFields = z.infer<typeof MeasureFieldsSchema>;

export const NODE_KINDS = ['section', 'measure', 'paragraph'] as const;
export const NodeKindSchema = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof NodeKindSchema>;

/** Visual style flags of a node; all optional so old rows stay valid as flags are added. */
export const NodeStyleSchema = z.object({
  /** Numbering level 1..5 (一、 （一） 1. （1） ①); 0 = an unnumbered heading. Absent = depth + 1. */
  level: z.number().int().min(0).max(5).optional(),
  /** Keep the heading as a stand-alone line even when it has a body (run-in otherwise for level ≥ 2). */
  standalone: z.boolean().optional(),
  /** The heading/lead sentence is bold (default by level). */
  bold: z.boolean().optional(),
});
export type NodeStyle = z.infer<typeof NodeStyleSchema>;

export interface DocNode {
  kind: NodeKind;
  heading: string;
  body: string[];
  style: NodeStyle;
  measure: MeasureFields | null;
  /** Keys into PlanDocument.problems this measure addresses */
  problemKeys: string[];
  children: DocNode[];
}

export const DocNodeSchema: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    kind: NodeKindSchema,
    heading: z.string(),
    body: z.array(z.string()),
    style: NodeStyleSchema,
    measure: MeasureFieldsSchema.nullable(),
    problemKeys: z.array(z.string()),
    children: z.array(DocNodeSchema),
  }),
);

export const ProblemSchema = z.object({
  key: z.string(),
  /** 问题类别 / 方面 */
  category: z.string().nullable(),
  text: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const LEVEL3_NUMBERING = ['restart', 'continuous'] as const;

/**
 * The 印发通知 an issued plan goes out under (`…关于印发《…整改方案》的通知`: 主送, a short body, 落款, 成文日期).
 * The importer fills it when a text carries such a notice in front of the plan; the exporter prints it as
 * the first document when the plan is issued with a notice. Optional: most plans have none.
 */
export const CoverNoticeSchema = z.object({
  /** The notice's own title as written, e.g. 中共××局党组关于印发《…》的通知 */
  title: z.string(),
  /** 主送机关 of the notice */
  addressee: z.string().nullable(),
  /** The notice's paragraphs (现将《…》印发给你们，请结合实际认真抓好落实。…) */
  body: z.array(z.string()),
  /** 落款 of the notice */
  issuer: z.string().nullable(),
  /** 成文日期 of the notice as written */
  date: z.string().nullable(),
});
export type CoverNotice = z.infer<typeof CoverNoticeSchema>;

export const PlanDocumentSchema = z.object({
  title: z.string(),
  /** template / plan kind id, e.g. 'minzhu-shenghuohui' */
  kind: z.string(),
  /** 主送机关 */
  addressee: z.string().nullable(),
  preamble: z.array(z.string()),
  sections: z.array(DocNodeSchema),
  problems: z.array(ProblemSchema),
  /** 附件说明: one entry per attachment name */
  attachments: z.array(z.string()),
  /** 落款 (发文机关署名) */
  issuer: z.string().nullable(),
  /** 成文日期 as written, e.g. 2025年12月15日 */
  date: z.string().nullable(),
  /** 1. numbering restarts in each section or runs through the document */
  level3Numbering: z.enum(LEVEL3_NUMBERING),
  /** 印发通知 in front of the plan, when there is one */
  notice: CoverNoticeSchema.nullable().optional(),
});
export type PlanDocument = z.infer<typeof PlanDocumentSchema>;

export function emptyMeasure(): MeasureFields {
  return {
    leader: null,
    department: null,
    cooperating: [],
    person: null,
    deadline: null,
    deadlineKind: null,
    deadlineDate: null,
    status: 'not_started',
    statusText: null,
  };
}

export function emptyDocument(title: string, kind = 'blank'): PlanDocument {
  return {
    title,
    kind,
    addressee: null,
    preamble: [],
    sections: [],
    problems: [],
    attachments: [],
    issuer: null,
    date: null,
    level3Numbering: 'restart',
  };
}
