import { z } from 'zod';
import { method } from './define.ts';
import { PlanIdSchema, PlanSummarySchema, StoredNodeSchema, TitleSchema } from './plans.ts';
import {
  CoverNoticeSchema,
  LEVEL3_NUMBERING,
  MeasureFieldsSchema,
  MeasureStatusSchema,
  DeadlineKindSchema,
  NodeKindSchema,
  NodeStyleSchema,
} from '../domain/document.ts';
import { TemplateDefinitionSchema, TemplateVariableSchema } from '../templates/format.ts';

/**
 * The drafting surface (issue 5): templates, outline edits, problems, undo/redo, version history,
 * phrases, the people/department directory, measure reuse and document checks.
 *
 * Conventions every editing method follows:
 * - A write names the plan and carries `expectedVersion` (PlanSummary.version as last seen). When the
 *   plan has moved on (another window, another tab) the call fails with AppError('conflict', …) and
 *   changes nothing; the UI then reloads (plans.get) or lets the user choose.
 * - A successful write returns an EditResult with the new version; every write is one undo step
 *   (history.undo / history.redo), kept in the database so it survives reloads.
 * - Node ids are the `id`s of plans.get's outline; markers (一、（一）1.) are never sent or stored:
 *   the UI derives them with shared/numbering.ts.
 */

const NodeIdSchema = z.string().min(1, '节点编号不能为空');
const VersionSchema = z.number().int().min(1);

/** Every write: the plan and the version the caller last saw. */
const PlanWrite = { planId: PlanIdSchema, expectedVersion: VersionSchema };

export const EditResultSchema = z.object({
  planId: z.string(),
  /** The plan's version after the write: send it as the next `expectedVersion` */
  version: z.number().int(),
  updatedAt: z.string(),
  /** The node created or changed (null when none, e.g. header edits, deletes) */
  nodeId: z.string().nullable(),
  /** The node after the write, with its subtree (null when deleted or not a node edit) */
  node: StoredNodeSchema.nullable(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});
export type EditResult = z.infer<typeof EditResultSchema>;

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

export const TemplateIdSchema = z.string().min(1, '模板编号不能为空');

export const TemplateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  /** One line shown on the card */
  purpose: z.string(),
  builtin: z.boolean(),
  /** The inputs of the 新建方案 dialog, in order (labels are the names: 单位, 年度, 落款, 成文日期 …) */
  variables: z.array(TemplateVariableSchema),
  titlePattern: z.string(),
  updatedAt: z.string().nullable(),
});
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

export const TemplateDetailSchema = TemplateSummarySchema.extend({
  definition: TemplateDefinitionSchema,
});
export type TemplateDetail = z.infer<typeof TemplateDetailSchema>;

/** 写作提示 and example phrasing attached to a node of a plan created from a template. */
export const NodeHintSchema = z.object({
  hint: z.string(),
  examples: z.array(z.string()),
});

// ---------------------------------------------------------------------------------------------
// Outline
// ---------------------------------------------------------------------------------------------

/** Measure fields as the editor sends them: any subset. A deadline without a kind is classified by the service. */
export const MeasurePatchSchema = z.object({
  leader: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  cooperating: z.array(z.string()).optional(),
  person: z.string().nullable().optional(),
  /** 完成时限 as typed (立行立改 / 长期坚持 / 2026年3月底前 / free text); stored raw, classified server-side */
  deadline: z.string().nullable().optional(),
  deadlineKind: DeadlineKindSchema.nullable().optional(),
  deadlineDate: z.string().nullable().optional(),
  status: MeasureStatusSchema.optional(),
  statusText: z.string().nullable().optional(),
});
export type MeasurePatch = z.infer<typeof MeasurePatchSchema>;

export const NodePatchSchema = z.object({
  kind: NodeKindSchema.optional(),
  heading: z.string().optional(),
  body: z.array(z.string()).optional(),
  /** Replaces the style flags as a whole */
  style: NodeStyleSchema.optional(),
  /** Only for measures (or a node becoming one): merged into the stored fields */
  measure: MeasurePatchSchema.optional(),
});
export type NodePatch = z.infer<typeof NodePatchSchema>;

export const HeaderPatchSchema = z.object({
  title: TitleSchema.optional(),
  /** 主送机关 */
  addressee: z.string().nullable().optional(),
  /** 落款 */
  issuer: z.string().nullable().optional(),
  /** 成文日期, as written (2025年12月5日) */
  date: z.string().nullable().optional(),
  preamble: z.array(z.string()).optional(),
  /** 附件说明, one entry per attachment name */
  attachments: z.array(z.string()).optional(),
  level3Numbering: z.enum(LEVEL3_NUMBERING).optional(),
  /** 印发通知 in front of the plan; null removes it */
  notice: CoverNoticeSchema.nullable().optional(),
});
export type HeaderPatch = z.infer<typeof HeaderPatchSchema>;

// ---------------------------------------------------------------------------------------------
// Problems (问题清单)
// ---------------------------------------------------------------------------------------------

export const ProblemIdSchema = z.string().min(1, '问题编号不能为空');
export const ProblemItemSchema = z.object({
  id: z.string(),
  /** Stable key inside the plan document (PlanDocument.problems[].key, DocNode.problemKeys) */
  key: z.string(),
  category: z.string().nullable(),
  text: z.string(),
  /** Measures this problem is addressed by, in outline order */
  nodeIds: z.array(z.string()),
});
export type ProblemItem = z.infer<typeof ProblemItemSchema>;

// ---------------------------------------------------------------------------------------------
// History and revisions
// ---------------------------------------------------------------------------------------------

export const HistoryStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** What the next undo / redo would revert or repeat, in Chinese (修改措施、移动节点 …) */
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});

export const HistoryStepResultSchema = EditResultSchema.extend({
  /** What was undone / redone */
  label: z.string(),
});

export const REVISION_REASONS = ['保存', '导入前', '导出前', '批量修改前', '恢复前', '自动'] as const;
export const RevisionReasonSchema = z.enum(REVISION_REASONS);

export const RevisionSummarySchema = z.object({
  id: z.number().int(),
  planId: z.string(),
  createdAt: z.string(),
  reason: z.string(),
  /** Plan version the snapshot was taken at */
  version: z.number().int(),
  title: z.string(),
  measureCount: z.number().int(),
});
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

export const NodeDigestSchema = z.object({
  kind: NodeKindSchema,
  /** Marker at that time (一、/（二）/3.), derived */
  marker: z.string(),
  heading: z.string(),
  body: z.array(z.string()),
  /** Parent heading path, for context (二、整改目标 › （一）…) */
  path: z.array(z.string()),
  measure: MeasureFieldsSchema.nullable(),
});

export const NodeChangeSchema = z.object({
  nodeId: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'moved']),
  /** In the revision (null when added since) */
  before: NodeDigestSchema.nullable(),
  /** Now (null when removed since) */
  after: NodeDigestSchema.nullable(),
  /** Which fields differ: heading, body, kind, style, measure.department … (Chinese labels in `labels`) */
  fields: z.array(z.string()),
  labels: z.array(z.string()),
});
export type NodeChange = z.infer<typeof NodeChangeSchema>;

export const HeaderChangeSchema = z.object({
  field: z.string(),
  /** 标题 / 主送机关 / 落款 / 成文日期 / 开头段落 / 附件 / 问题清单 / 序号设置 */
  label: z.string(),
  before: z.string(),
  after: z.string(),
});

export const RevisionDiffSchema = z.object({
  revision: RevisionSummarySchema,
  header: z.array(HeaderChangeSchema),
  /** In current document order, removed nodes after their old neighbours */
  nodes: z.array(NodeChangeSchema),
  unchangedCount: z.number().int(),
});
export type RevisionDiff = z.infer<typeof RevisionDiffSchema>;

// ---------------------------------------------------------------------------------------------
// Phrases, directory, measure reuse
// ---------------------------------------------------------------------------------------------

export const PhraseSchema = z.object({
  /** 'b:<kind>:<n>' for built-ins, 'u:<n>' for the user's own */
  id: z.string(),
  /** Template kind it belongs to; '' = any plan */
  kind: z.string(),
  /** Group shown in the panel (开头语, 整改目标, 工作要求, 常用措施, 我的常用语 …) */
  category: z.string(),
  text: z.string(),
  builtin: z.boolean(),
});
export type Phrase = z.infer<typeof PhraseSchema>;

export const DirectoryTypeSchema = z.enum(['person', 'department']);
export type DirectoryType = z.infer<typeof DirectoryTypeSchema>;
export const DirectoryEntrySchema = z.object({
  id: z.number().int(),
  type: DirectoryTypeSchema,
  name: z.string(),
  useCount: z.number().int(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;
const DirectoryNameSchema = z.string().trim().min(1, '名称不能为空').max(60, '名称不能超过60字');

export const MeasureHitSchema = z.object({
  nodeId: z.string(),
  planId: z.string(),
  planTitle: z.string(),
  heading: z.string(),
  body: z.array(z.string()),
  measure: MeasureFieldsSchema,
  /** A short excerpt around the match, the match wrapped in 【】 */
  snippet: z.string(),
});
export type MeasureHit = z.infer<typeof MeasureHitSchema>;

// ---------------------------------------------------------------------------------------------
// Checks (公文检查)
// ---------------------------------------------------------------------------------------------

export const CHECK_RULES = [
  'placeholder', // 未填写的占位符 {…}
  'measure_no_department', // 措施缺少责任部门
  'measure_no_deadline', // 措施缺少完成时限
  'empty_section', // 空的章节
  'title_punctuation', // 标题以标点结尾
  'title_too_long', // 标题超过三行（每行≤20字）
  'date_format', // 日期不是 2025年12月5日 形式
  'halfwidth_punctuation', // 中文中的半角标点
  'duplicate_measure_heading', // 措施标题重复
  'doc_number_format', // 发文字号不规范（年份不全、括号不是〔〕、有“第”、序号编虚位）
  'upward_addressee', // 上行文（报告、请示）主送了多个机关
] as const;
export const CheckRuleSchema = z.enum(CHECK_RULES);
export type CheckRule = z.infer<typeof CheckRuleSchema>;

/** Where in the plan a finding is: a header field or a node's field. */
/** 'issuance': the 发文设置 of the export dialog (发文字号, the report's 主送). */
export const CHECK_FIELDS = ['title', 'addressee', 'preamble', 'attachments', 'issuer', 'date', 'problem', 'heading', 'body', 'measure', 'issuance'] as const;

export const CheckFindingSchema = z.object({
  rule: CheckRuleSchema,
  severity: z.enum(['error', 'warning']),
  /** The node to jump to; null for header findings */
  nodeId: z.string().nullable(),
  field: z.enum(CHECK_FIELDS),
  /** Paragraph index within body / preamble / attachments, when relevant */
  index: z.number().int().nullable(),
  /** One Chinese sentence: what is wrong */
  message: z.string(),
  /** The offending text (short) */
  excerpt: z.string(),
  /** checks.fixPunctuation fixes it */
  fixable: z.boolean(),
});
export type CheckFinding = z.infer<typeof CheckFindingSchema>;

export const CheckReportSchema = z.object({
  planId: z.string(),
  version: z.number().int(),
  findings: z.array(CheckFindingSchema),
  /** Findings per rule, every rule present (0 when clean) */
  counts: z.record(CheckRuleSchema, z.number().int()),
});
export type CheckReport = z.infer<typeof CheckReportSchema>;

// ---------------------------------------------------------------------------------------------
// The method table
// ---------------------------------------------------------------------------------------------

const VariablesSchema = z.record(z.string(), z.string());

export const editorContract = {
  // Templates ----------------------------------------------------------------------------------
  'templates.list': method(z.object({}), z.array(TemplateSummarySchema), '列出模板（内置与自定义）'),
  'templates.get': method(z.object({ id: TemplateIdSchema }), TemplateDetailSchema, '读取一个模板的完整定义'),
  'templates.instantiate': method(
    z.object({
      templateId: TemplateIdSchema,
      /** Filled variables by name: { 单位: 'XX市人大常委会', 年度: '2025', … }; blanks stay as {单位} */
      variables: VariablesSchema.default({}),
    }),
    z.object({
      plan: PlanSummarySchema,
      /** Placeholder names still in the plan ({N}, {方面} …, and unfilled variables) */
      unfilled: z.array(z.string()),
    }),
    '由模板新建方案',
  ),
  'templates.saveFromPlan': method(
    z.object({
      planId: PlanIdSchema,
      name: z.string().trim().min(1, '模板名称不能为空').max(60, '模板名称不能超过60字'),
      purpose: z.string().max(200).default(''),
    }),
    TemplateSummarySchema,
    '将方案另存为模板',
  ),
  'templates.update': method(
    z.object({
      id: TemplateIdSchema,
      name: z.string().trim().min(1, '模板名称不能为空').max(60, '模板名称不能超过60字').optional(),
      purpose: z.string().max(200).optional(),
      /** Replaces the whole definition (name/purpose above win over the definition's own) */
      definition: TemplateDefinitionSchema.optional(),
    }),
    TemplateSummarySchema,
    '修改自定义模板',
  ),
  'templates.delete': method(z.object({ id: TemplateIdSchema }), z.object({ deleted: z.literal(true) }), '删除自定义模板'),
  'templates.hints': method(
    z.object({ planId: PlanIdSchema }),
    z.object({ hints: z.record(z.string(), NodeHintSchema), preambleHint: z.string().nullable() }),
    '读取方案各节点的写作提示（按节点编号）',
  ),

  // Header and outline -------------------------------------------------------------------------
  'plans.updateHeader': method(z.object({ ...PlanWrite, patch: HeaderPatchSchema }), EditResultSchema, '修改标题、主送机关、落款、成文日期、开头、附件、序号设置、印发通知'),
  'outline.addNode': method(
    z.object({
      ...PlanWrite,
      parentId: NodeIdSchema.nullable(),
      /** Insert after this sibling; null = as the first child; omitted = as the last child */
      afterId: NodeIdSchema.nullable().optional(),
      kind: NodeKindSchema,
      heading: z.string().default(''),
      body: z.array(z.string()).default([]),
      style: NodeStyleSchema.default({}),
      /** For measures: initial fields (reusing a measure passes its fields here) */
      measure: MeasurePatchSchema.optional(),
    }),
    EditResultSchema,
    '添加章节、措施或段落',
  ),
  'outline.updateNode': method(z.object({ ...PlanWrite, nodeId: NodeIdSchema, patch: NodePatchSchema }), EditResultSchema, '修改节点（标题、正文、样式、措施字段）'),
  'outline.moveNode': method(
    z.object({
      ...PlanWrite,
      nodeId: NodeIdSchema,
      /** New parent; null = top level */
      parentId: NodeIdSchema.nullable(),
      /** Position among the new parent's children, counted without the moved node */
      index: z.number().int().min(0),
    }),
    EditResultSchema,
    '移动节点（拖放、Alt+↑/↓）',
  ),
  'outline.indent': method(z.object({ ...PlanWrite, nodeId: NodeIdSchema }), EditResultSchema, '降级：成为上一个同级节点的最后一个子节点（Tab）'),
  'outline.outdent': method(z.object({ ...PlanWrite, nodeId: NodeIdSchema }), EditResultSchema, '升级：成为父节点之后的同级节点（Shift+Tab）'),
  'outline.deleteNode': method(
    z.object({ ...PlanWrite, nodeId: NodeIdSchema }),
    EditResultSchema.extend({ deletedCount: z.number().int() }),
    '删除节点及其下级（可撤销）',
  ),

  // Problems -----------------------------------------------------------------------------------
  'problems.list': method(z.object({ planId: PlanIdSchema }), z.array(ProblemItemSchema), '列出问题清单'),
  'problems.create': method(
    z.object({
      ...PlanWrite,
      text: z.string().trim().min(1, '问题内容不能为空'),
      category: z.string().nullable().default(null),
      /** Measures to link right away */
      nodeIds: z.array(NodeIdSchema).default([]),
    }),
    EditResultSchema.extend({ problem: ProblemItemSchema }),
    '新建问题（可由选中的文字新建）',
  ),
  'problems.update': method(
    z.object({
      ...PlanWrite,
      problemId: ProblemIdSchema,
      text: z.string().trim().min(1, '问题内容不能为空').optional(),
      category: z.string().nullable().optional(),
      /** Move within the list */
      index: z.number().int().min(0).optional(),
    }),
    EditResultSchema.extend({ problem: ProblemItemSchema }),
    '修改问题',
  ),
  'problems.delete': method(z.object({ ...PlanWrite, problemId: ProblemIdSchema }), EditResultSchema, '删除问题（可撤销）'),
  'problems.link': method(z.object({ ...PlanWrite, problemId: ProblemIdSchema, nodeId: NodeIdSchema }), EditResultSchema.extend({ problem: ProblemItemSchema }), '将问题关联到措施'),
  'problems.unlink': method(z.object({ ...PlanWrite, problemId: ProblemIdSchema, nodeId: NodeIdSchema }), EditResultSchema.extend({ problem: ProblemItemSchema }), '取消问题与措施的关联'),

  // Undo / redo --------------------------------------------------------------------------------
  'history.state': method(z.object({ planId: PlanIdSchema }), HistoryStateSchema, '撤销/重做是否可用'),
  'history.undo': method(z.object({ planId: PlanIdSchema, expectedVersion: VersionSchema.optional() }), HistoryStepResultSchema, '撤销（Ctrl+Z）'),
  'history.redo': method(z.object({ planId: PlanIdSchema, expectedVersion: VersionSchema.optional() }), HistoryStepResultSchema, '重做（Ctrl+Y / Ctrl+Shift+Z）'),

  // Version history ----------------------------------------------------------------------------
  'revisions.list': method(z.object({ planId: PlanIdSchema }), z.array(RevisionSummarySchema), '列出历史版本（新的在前）'),
  'revisions.create': method(
    z.object({ planId: PlanIdSchema, reason: RevisionReasonSchema.default('保存') }),
    z.object({
      revision: RevisionSummarySchema,
      /** false when the latest snapshot already holds this exact version (nothing new to keep) */
      created: z.boolean(),
    }),
    '保存一个版本（Ctrl+S；导入、导出、批量修改前自动）',
  ),
  'revisions.diff': method(z.object({ revisionId: z.number().int() }), RevisionDiffSchema, '历史版本与当前内容逐节点对比'),
  'revisions.restore': method(
    z.object({ revisionId: z.number().int(), expectedVersion: VersionSchema }),
    EditResultSchema.extend({ safetyRevisionId: z.number().int() }),
    '恢复到历史版本（先自动保存“恢复前”版本；可撤销）',
  ),

  // Phrases ------------------------------------------------------------------------------------
  'phrases.list': method(z.object({ kind: z.string().optional() }), z.array(PhraseSchema), '常用语（内置按模板类别 + 自己的）'),
  'phrases.create': method(
    z.object({ text: z.string().trim().min(1, '常用语不能为空').max(2000, '常用语不能超过2000字'), kind: z.string().default('') }),
    PhraseSchema,
    '将选中的文字存为常用语',
  ),
  'phrases.delete': method(z.object({ id: z.string().min(1) }), z.object({ deleted: z.literal(true) }), '删除自己的常用语'),

  // Directory ----------------------------------------------------------------------------------
  'directory.search': method(
    z.object({ type: DirectoryTypeSchema, query: z.string().default(''), limit: z.number().int().min(1).max(100).default(20) }),
    z.array(DirectoryEntrySchema),
    '人员/部门自动补全（常用的在前）',
  ),
  'directory.list': method(z.object({ type: DirectoryTypeSchema }), z.array(DirectoryEntrySchema), '列出人员或部门名录'),
  'directory.add': method(z.object({ type: DirectoryTypeSchema, name: DirectoryNameSchema }), DirectoryEntrySchema, '添加名录条目'),
  'directory.update': method(
    z.object({ type: DirectoryTypeSchema, id: z.number().int(), name: DirectoryNameSchema }),
    DirectoryEntrySchema,
    '修改名录条目（同名时合并）',
  ),
  'directory.delete': method(z.object({ type: DirectoryTypeSchema, id: z.number().int() }), z.object({ deleted: z.literal(true) }), '删除名录条目'),

  // Measure reuse ------------------------------------------------------------------------------
  'measures.search': method(
    z.object({
      query: z.string().trim().min(1, '请输入要查找的文字'),
      /** Leave out the plan being edited */
      excludePlanId: PlanIdSchema.optional(),
      limit: z.number().int().min(1).max(100).default(20),
    }),
    z.array(MeasureHitSchema),
    '按文字查找其他方案中的措施以便复用',
  ),

  // Checks -------------------------------------------------------------------------------------
  'checks.run': method(z.object({ planId: PlanIdSchema }), CheckReportSchema, '公文检查'),
  'checks.fixPunctuation': method(
    z.object(PlanWrite),
    EditResultSchema.extend({ fixedCount: z.number().int() }),
    '一键修正中文中的半角标点（可撤销）',
  ),
} as const;

export type EditorContract = typeof editorContract;
