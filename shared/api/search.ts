import { z } from 'zod';
import { method } from './define.ts';
import { SEARCH_FIELDS } from '../search/fields.ts';

/**
 * 搜索: one box over everything a workbook holds — plan titles and opening paragraphs, headings and
 * bodies, measure fields, problems, progress notes and evidence file names — across all plans or
 * within one. Three characters and more use the trigram index (ranked by bm25); one or two characters
 * cannot form a trigram and are looked up with instr() in the tables themselves.
 */

export const SearchFieldSchema = z.enum(SEARCH_FIELDS);

/** What a hit opens: the plan (its title or opening), a node of its outline, or a problem of its 问题清单. */
export const SearchHitKindSchema = z.enum(['plan', 'section', 'measure', 'paragraph', 'problem']);
export type SearchHitKind = z.infer<typeof SearchHitKindSchema>;

export const SearchHitSchema = z.object({
  planId: z.string(),
  planTitle: z.string(),
  /** the plan is archived (归档): still found, marked so */
  planArchived: z.boolean(),
  /** the node a hit opens: the node itself, or the measure a field, note or file belongs to; a problem's first measure; null for the plan */
  nodeId: z.string().nullable(),
  /** numbering path of that node (三-1-2, 三 for a section); '' when it has none */
  path: z.string(),
  kind: SearchHitKindSchema,
  field: SearchFieldSchema,
  /** the matching text around the match, on one line */
  snippet: z.string(),
  /** [start, end) of each match within `snippet` */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  /** more matched than `limit`: a longer query narrows them */
  truncated: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const SEARCH_DEFAULT_LIMIT = 50;

export const searchContract = {
  'search.query': method(
    z.object({
      query: z.string().trim().min(1, '请输入要搜索的文字').max(100, '搜索的文字不能超过100字'),
      /** only this plan (搜索当前方案) */
      planId: z.string().min(1).optional(),
      limit: z.number().int().min(1, '条数至少为1').max(500, '条数不能超过500').optional(),
    }),
    SearchResultSchema,
    '搜索全部方案（标题、正文、措施字段、问题、进展说明、佐证材料名称），最相关的在前',
  ),
} as const;
