// Responsibility, deadline and status as written next to a measure (domain.md §7.3–§7.4, §8 items 8–13).
// Every recognised value is kept verbatim; labels we have no field for go back into the body so nothing is lost.
import { isResponsibleName } from './responsible-names.ts';

export type FieldName = 'leader' | 'department' | 'cooperating' | 'person' | 'deadline' | 'status';

export interface ParsedFields {
  leader: string | null;
  department: string | null;
  cooperating: string[];
  person: string | null;
  deadline: string | null;
  status: string | null;
  /** Labelled values without a field (整改类型：分阶段整改): returned to the body as "label：value" */
  extras: string[];
}

export function emptyFields(): ParsedFields {
  return { leader: null, department: null, cooperating: [], person: null, deadline: null, status: null, extras: [] };
}

export function hasFields(f: ParsedFields): boolean {
  return f.leader !== null || f.department !== null || f.cooperating.length > 0 || f.person !== null || f.deadline !== null || f.status !== null;
}

/** Adds `from` to `into`; a field written in both places keeps both values (nothing is lost). */
export function mergeFields(into: ParsedFields, from: ParsedFields): void {
  for (const key of ['leader', 'department', 'person', 'deadline', 'status'] as const) {
    const v = from[key];
    if (v === null) continue;
    into[key] = into[key] === null ? v : `${into[key]}、${v}`;
  }
  into.cooperating.push(...from.cooperating);
  into.extras.push(...from.extras);
}

const KEY_FIELDS: Array<[FieldName | 'extra', string[]]> = [
  ['leader', ['牵头领导', '责任领导', '分管领导', '包保领导', '督办领导', '领衔领导', '牵头负责领导', '责任校领导', '联系领导']],
  [
    'department',
    ['牵头单位', '牵头部门', '牵头科室', '牵头处室', '牵头股室', '责任单位', '责任部门', '责任科室', '责任处室', '责任股室', '主责部门', '主责单位', '责任主体', '承办单位', '承办部门', '主办单位', '责任委室', '牵头委室'],
  ],
  ['cooperating', ['配合单位', '配合部门', '配合科室', '配合处室', '配合委室', '协办单位', '协同单位', '参与单位', '协助单位']],
  ['person', ['具体责任人', '整改责任人', '第一责任人', '直接责任人', '责任人', '承办人', '联系人', '经办人']],
  ['deadline', ['完成时限', '整改时限', '完成时间', '整改期限', '办结时限', '时间节点', '完成期限', '整改时间', '办结时间', '时限要求', '时限']],
  ['status', ['整改情况', '整改进展', '完成情况', '进展情况', '整改结果', '整改状态', '办理情况', '落实情况', '推进情况']],
  ['extra', ['整改类型', '完成标准', '整改标准', '销号标准', '整改目标', '整改要求', '备注']],
];

const KEY_TO_FIELD = new Map<string, FieldName | 'extra'>();
for (const [field, keys] of KEY_FIELDS) for (const k of keys) KEY_TO_FIELD.set(k, field);
const ALL_KEYS = [...KEY_TO_FIELD.keys()].sort((a, b) => b.length - a.length);
const KEY_ALT = ALL_KEYS.join('|');
/** Labels that are pure structure (dropped from the text once their value is stored). */
export const RESPONSIBILITY_LABELS: readonly string[] = ALL_KEYS;

const KEY_COLON = new RegExp(`(${KEY_ALT})\\s*[：:]`, 'g');
const OPEN = '（(［[【〔';
const CLOSE = '）)］]】〕';

/** The field a label (责任单位, 完成时限 …) maps to, or undefined. */
export function fieldForLabel(label: string): FieldName | 'extra' | undefined {
  return KEY_TO_FIELD.get(label.replace(/\s+/g, ''));
}

/** Strips one unbalanced closing bracket at the end so "办公室（财务）" stays intact but "长期坚持）" loses it. */
function trimValue(raw: string): string {
  let v = raw.replace(/^[\s\u3000：:，,；;、]+|[\s\u3000，,；;、。.]+$/g, '');
  for (;;) {
    const last = v.charAt(v.length - 1);
    const idx = CLOSE.indexOf(last);
    if (idx < 0) break;
    const open = OPEN.charAt(idx);
    const opens = [...v].filter((c) => c === open || (open === '（' && c === '(') || (open === '(' && c === '（')).length;
    const closes = [...v].filter((c) => c === last || (last === '）' && c === ')') || (last === ')' && c === '）')).length;
    if (closes > opens) v = v.slice(0, -1).replace(/[\s\u3000，,；;、。.]+$/g, '');
    else break;
  }
  return v.replace(/^[（(［[【]+(?=[^）)］\]】]*$)/, '');
}

function assign(fields: ParsedFields, field: FieldName | 'extra', label: string, value: string): void {
  if (value === '') return;
  switch (field) {
    case 'cooperating':
      fields.cooperating.push(value);
      return;
    case 'extra':
      fields.extras.push(`${label}：${value}`);
      return;
    default: {
      const current = fields[field];
      fields[field] = current === null ? value : `${current}、${value}`;
    }
  }
}

/** Parses "key：value" pairs (any separators: ；; ，, full-width or several spaces, brackets). */
export function parseLabelledPairs(text: string, into: ParsedFields = emptyFields()): ParsedFields {
  const hits = [...text.matchAll(KEY_COLON)];
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    const start = (hit.index ?? 0) + hit[0].length;
    const end = i + 1 < hits.length ? (hits[i + 1]!.index ?? text.length) : text.length;
    const field = KEY_TO_FIELD.get(hit[1]!)!;
    assign(into, field, hit[1]!, trimValue(text.slice(start, end)));
  }
  return into;
}

/** 【整改措施】…【责任单位】机关党委\u3000【责任人】组织干事 杨某 — returns the pairs in order. */
export function parseLenticular(text: string): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  const re = /【([^【】]{1,10})】\s*([^【]*)/g;
  for (const m of text.matchAll(re)) out.push({ label: m[1]!.trim(), value: m[2]!.replace(/[\s\u3000]+$/, '') });
  return out;
}

const RESP_LINE = new RegExp(`^[${OPEN}]?\\s*(?:${KEY_ALT})\\s*[：:]`);
/** A line that is only a responsibility block: "（责任领导：…；…）", "牵头领导：…\u3000责任科室：…", "［…］". */
export function isResponsibilityLine(line: string): boolean {
  if (!RESP_LINE.test(line)) return false;
  const first = new RegExp(`(?:${KEY_ALT})`).exec(line);
  const label = first ? first[0] : '';
  const field = KEY_TO_FIELD.get(label);
  // A 整改情况/整改类型 line alone is a status or extra line, handled by the same parser.
  if (!field) return false;
  // "完成情况：…" style paragraphs can be long prose; they still are status lines.
  return true;
}

const UNLABELLED_BLOCK = /[（(]([^（()）]{2,80}?(?:牵头|负责|落实|配合|按职责分工负责)[^（()）]*)[）)]\s*[。.]?\s*$/;

/** "（办公室负责，即知即改）" at the end of a paragraph: body, block and the fields it names. */
export function splitUnlabelledBlock(
  text: string,
  isDeadline: (s: string) => boolean,
  isName: (s: string) => boolean = isResponsibleName,
): { body: string; fields: ParsedFields } | null {
  const m = UNLABELLED_BLOCK.exec(text);
  if (!m) return null;
  const fields = emptyFields();
  for (const part of m[1]!.split(/[，,；;]/)) {
    const p = part.trim();
    if (p === '') continue;
    let mm: RegExpExecArray | null;
    if ((mm = /^(.+?)(?:牵头|负责|落实)$/.exec(p)) && !/按职责分工/.test(p)) {
      if (!isName(mm[1]!)) return null; // （专人负责）: no owner named
      assign(fields, fields.department === null ? 'department' : 'cooperating', '', mm[1]!);
    } else if ((mm = /^(.+?)(?:配合|参与|协助|按职责分工负责|按职责负责)$/.exec(p))) fields.cooperating.push(mm[1]!);
    else if (isDeadline(p)) assign(fields, 'deadline', '', p);
    else return null; // a bracket of ordinary prose, not a responsibility block
  }
  if (!hasFields(fields)) return null;
  return { body: text.slice(0, m.index).replace(/[\s\u3000]+$/, ''), fields };
}

const TITLE_WORDS = /(?:书记|主任|秘书长|部长|局长|处长|科长|组长|领导|委员|同志|县长|市长|区长|镇长|乡长|厅长|主席|院长|校长|行长|经理|班子成员|党组成员)$/;

/** Sentence-style responsibility inside a body: 由…牵头，…配合，…前完成 / 此项由…负责 / 责任单位为… */
export function parseSentenceFields(
  text: string,
  isDeadline: (s: string) => boolean,
  isName: (s: string) => boolean = isResponsibleName,
): ParsedFields | null {
  const fields = emptyFields();
  let m: RegExpExecArray | null;
  if ((m = /由([^，,。；;由]{2,30}?)牵头(?:[，,、]\s*([^，,。；;]{2,40}?)(?:配合|参与|协助|落实))?/.exec(text)) && isName(m[1]!)) {
    assign(fields, TITLE_WORDS.test(m[1]!) ? 'leader' : 'department', '', m[1]!);
    if (m[2] && isName(m[2])) fields.cooperating.push(m[2]);
  } else if ((m = /(?:此项|该项|本项)?由([^，,。；;由]{2,30}?)(?:负责|落实|承办)/.exec(text)) && isName(m[1]!)) {
    assign(fields, TITLE_WORDS.test(m[1]!) ? 'leader' : 'department', '', m[1]!);
  }
  if ((m = /责任(?:单位|部门|科室|处室)为([^，,。；;]{2,30})/.exec(text)) && isName(m[1]!)) assign(fields, 'department', '', m[1]!);
  if ((m = /责任人为([^，,。；;]{2,30})/.exec(text)) && isName(m[1]!)) assign(fields, 'person', '', m[1]!);
  if ((m = /完成(?:时间|时限)为([^，,。；;]{2,30})/.exec(text))) assign(fields, 'deadline', '', m[1]!);
  if (!hasFields(fields)) return null;
  if (fields.deadline === null) {
    // The deadline is the clause after the responsibility clause: "…配合，2025年9月底前完成制度修订并长期坚持。"
    const after = text.slice((m?.index ?? 0));
    for (const clause of after.split(/[，,。；;]/)) {
      const c = clause.trim();
      if (c === '' || /牵头|负责|配合/.test(c)) continue;
      const d = /((?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前)(?:[^，,。；;]*?(?:并|且)长期坚持)?)/.exec(c);
      if (d) {
        fields.deadline = d[1]!;
        break;
      }
      if (isDeadline(c) && c.length <= 12) {
        fields.deadline = c;
        break;
      }
    }
  }
  return fields;
}

/** "整改情况：已完成，…" anywhere in a paragraph: splits off the status text. */
export function splitStatus(text: string): { body: string; status: string } | null {
  const m = /(?:^|(?<=[。；;！？]))\s*(?:整改情况|整改进展|完成情况|进展情况|整改结果|整改状态|落实情况)\s*[：:]\s*(.+)$/.exec(text);
  if (!m) return null;
  return { body: text.slice(0, m.index).replace(/[\s\u3000]+$/, ''), status: m[1]!.trim() };
}
