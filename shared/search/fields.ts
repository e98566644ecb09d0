/**
 * The fields search looks in, as the hits name them, and what the user reads for each. The order is
 * also the order of preference among equally good matches (a title before a body, a body before a file name).
 */
export const SEARCH_FIELDS = [
  'title',
  'heading',
  'problem',
  'category',
  'department',
  'leader',
  'person',
  'cooperating',
  'deadline',
  'body',
  'preamble',
  'statusText',
  'progress',
  'evidence',
  'evidenceNote',
] as const;

export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  title: '方案标题',
  heading: '标题',
  problem: '问题',
  category: '问题类别',
  department: '责任部门',
  leader: '责任领导',
  person: '责任人',
  cooperating: '配合部门',
  deadline: '完成时限',
  body: '正文',
  preamble: '开头段落',
  statusText: '整改情况',
  progress: '进展说明',
  evidence: '佐证材料',
  evidenceNote: '佐证材料说明',
};
