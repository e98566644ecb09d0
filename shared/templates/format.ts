import { z } from 'zod';
import { LEVEL3_NUMBERING, MeasureFieldsSchema, NodeKindSchema, NodeStyleSchema, type NodeKind, type NodeStyle } from '../domain/document.ts';

/**
 * A template is data: a title pattern, variables and an outline skeleton whose texts may hold
 * placeholders `{名称}`. Placeholders of declared variables are filled on 创建; every other
 * placeholder (`{数量}`, `{方面}` …) stays in the plan, where the checks and the editor highlight it.
 */

export const TemplateVariableSchema = z.object({
  /** The placeholder name as it appears in the texts ({单位}); also the key of the filled value */
  name: z.string().min(1).max(20),
  /** Shown below the input: what to type, e.g. 如：XX市人大常委会 */
  hint: z.string().default(''),
  /** What kind of input the dialog shows */
  input: z.enum(['text', 'year', 'date', 'textarea']).default('text'),
  required: z.boolean().default(false),
  /** Pre-filled value ('' = none); the dialog may compute 年度/成文日期 defaults itself */
  defaultValue: z.string().default(''),
});
export type TemplateVariable = z.infer<typeof TemplateVariableSchema>;

export interface TemplateNode {
  kind: NodeKind;
  heading: string;
  body: string[];
  style?: NodeStyle | undefined;
  /** 写作提示 shown beside the node while it is empty */
  hint?: string | undefined;
  /** Example phrasing the user may insert */
  examples?: string[] | undefined;
  /** Pre-set measure fields (placeholders allowed in the text fields) */
  measure?: Partial<z.infer<typeof MeasureFieldsSchema>> | undefined;
  children?: TemplateNode[] | undefined;
}

export const TemplateNodeSchema: z.ZodType<TemplateNode> = z.lazy(() =>
  z.object({
    kind: NodeKindSchema,
    heading: z.string(),
    body: z.array(z.string()).default([]),
    style: NodeStyleSchema.optional(),
    hint: z.string().optional(),
    examples: z.array(z.string()).optional(),
    measure: MeasureFieldsSchema.partial().optional(),
    children: z.array(TemplateNodeSchema).optional(),
  }),
) as z.ZodType<TemplateNode>;

/** The JSON body of a template: what resources/templates/*.json hold and templates.body stores. */
export const TemplateDefinitionSchema = z.object({
  /** Plan kind the created plan gets (minzhu-shenghuohui, xunshi-xuncha …); phrases are grouped by it */
  kind: z.string().min(1),
  name: z.string().min(1).max(60),
  /** One line: when to use it (shown on the card) */
  purpose: z.string().default(''),
  titlePattern: z.string().min(1),
  variables: z.array(TemplateVariableSchema).default([]),
  /** 主送机关 pattern; null = no addressee line */
  addressee: z.string().nullable().default(null),
  preamble: z.array(z.string()).default([]),
  preambleHint: z.string().optional(),
  sections: z.array(TemplateNodeSchema).default([]),
  attachments: z.array(z.string()).default([]),
  /** 落款 pattern, e.g. {落款} */
  issuer: z.string().nullable().default(null),
  /** 成文日期 pattern, e.g. {成文日期} */
  date: z.string().nullable().default(null),
  level3Numbering: z.enum(LEVEL3_NUMBERING).default('restart'),
});
export type TemplateDefinition = z.infer<typeof TemplateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof TemplateDefinitionSchema>;
