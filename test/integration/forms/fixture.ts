import ExcelJS from 'exceljs';
import type { DocNode, MeasureFields, PlanDocument } from '../../../shared/domain/document.ts';
import { emptyDocument, emptyMeasure } from '../../../shared/domain/document.ts';
import type { Services } from '../../../electron/services/index.ts';
import type { ReturnedFile } from '../../../shared/api/forms.ts';
import yazl from 'yazl';
import { unzipBuffer, zipToBuffer } from '../../helpers/zip.ts';

/**
 * A plan with three 责任部门 (办公室, 组织人事科, 财务科) and a 问题清单, and what a department does with its
 * form: fills it in Excel (shared strings, dates as dates), in WPS or another program (inline strings,
 * dates and statuses typed as text), or changes what it should not.
 */

function measure(heading: string, fields: Partial<MeasureFields>, problemKeys: string[]): DocNode {
  return { kind: 'measure', heading, body: [`${heading}的具体做法。`], style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys, children: [] };
}

function section(heading: string, children: DocNode[]): DocNode {
  return { kind: 'section', heading, body: [], style: {}, measure: null, problemKeys: [], children };
}

export function threeDepartmentPlan(): PlanDocument {
  const doc = emptyDocument('中共某某局党组关于巡察反馈问题的整改方案', 'xunshi-xuncha');
  doc.problems = [
    { key: 'p1', category: '党的建设', text: '理论学习不够深入系统' },
    { key: 'p2', category: '干部队伍', text: '干部培训针对性不强' },
    { key: 'p3', category: '财务管理', text: '公务接待管理不规范' },
  ];
  doc.sections = [
    section('整改任务', [
      section('党的建设方面', [
        measure('落实第一议题制度', { leader: '党组书记张三', department: '办公室', deadline: '2026年3月底前' }, ['p1']),
        measure('建立理论学习台账', { leader: '党组书记张三', department: '办公室', deadline: '长期坚持' }, ['p1']),
      ]),
      section('干部队伍方面', [measure('制定年度培训计划', { leader: '副局长李四', department: '组织人事科', deadline: '2026年2月底前' }, ['p2'])]),
      section('财务管理方面', [
        measure('修订公务接待办法', { leader: '副局长王五', department: '财务科', deadline: '2026年4月底前' }, ['p3']),
        measure('开展接待费用自查', { leader: '副局长王五', department: '财务科、办公室', deadline: '2026年5月底前' }, ['p3']),
      ]),
    ]),
  ];
  return doc;
}

export interface Seeded {
  planId: string;
  /** measure ids by path (一-1-1 …) */
  ids: Record<string, string>;
}

export async function seedPlan(s: Services, doc: PlanDocument = threeDepartmentPlan()): Promise<Seeded> {
  const plan = await s.call('plans.createFromDocument', { document: doc });
  const measures = await s.call('progress.measures', { planId: plan.id });
  return { planId: plan.id, ids: Object.fromEntries(measures.map((m) => [m.path, m.id])) };
}

/** The forms of a generated .zip, by department. */
export async function formsInZip(zip: Buffer): Promise<Map<string, { name: string; bytes: Buffer }>> {
  const out = new Map<string, { name: string; bytes: Buffer }>();
  for (const [name, bytes] of await unzipBuffer(zip)) out.set(name.split('_')[0]!, { name, bytes });
  return out;
}

export interface ProgressFill {
  progress?: string;
  status?: string;
  completedOn?: Date | string | number;
  evidence?: string;
  reporter?: string;
  reportedOn?: Date | string | number;
}

const PROGRESS_LABELS: Record<keyof ProgressFill, string> = {
  progress: '本期进展',
  status: '状态',
  completedOn: '完成时间',
  evidence: '佐证材料清单',
  reporter: '填报人',
  reportedOn: '填报日期',
};

export type Writer = 'excel' | 'wps';

async function load(bytes: Buffer): Promise<{ wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; header: number; column: (label: string) => number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.state === 'visible')!;
  let header = 0;
  ws.eachRow((row, n) => {
    if (header === 0 && row.values && (row.values as unknown[]).includes('编号')) header = n;
    if (header === 0 && row.values && (row.values as unknown[]).includes('问题编号')) header = n;
  });
  const labels = ws.getRow(header).values as unknown[];
  return { wb, ws, header, column: (label) => labels.indexOf(label) };
}

/** The row of a measure (by its 编号) or of the nth row of a problem (by its 问题编号). */
function rowOf(ws: ExcelJS.Worksheet, header: number, pathColumn: number, path: string): number {
  for (let r = header + 1; r <= ws.rowCount; r++) if (String(ws.getRow(r).getCell(pathColumn).value ?? '') === path) return r;
  throw new Error(`no row ${path}`);
}

/**
 * The file as a writer that keeps every text in its cell saves it: inline strings (<is><t>) instead of
 * the shared string table, which is removed, and cells without their r="A1" references.
 */
export async function toInlineStrings(bytes: Buffer): Promise<Buffer> {
  const parts = await unzipBuffer(bytes);
  const shared = [...(parts.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''),
  );
  const zip = new yazl.ZipFile();
  for (const [name, data] of parts) {
    if (name === 'xl/sharedStrings.xml') continue;
    let text = data.toString('utf8');
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      text = text
        .replace(/<c r="[A-Z]+\d+"([^>]*?) t="s"><v>(\d+)<\/v><\/c>/g, (_m, attrs: string, i: string) => `<c${attrs} t="inlineStr"><is><t xml:space="preserve">${shared[Number(i)] ?? ''}</t></is></c>`)
        .replace(/<c r="[A-Z]+\d+"/g, '<c');
    } else if (name === 'xl/_rels/workbook.xml.rels') {
      text = text.replace(/<Relationship [^>]*Target="sharedStrings.xml"[^>]*\/>/, '');
    } else if (name === '[Content_Types].xml') {
      text = text.replace(/<Override PartName="\/xl\/sharedStrings.xml"[^>]*\/>/, '');
    }
    zip.addBuffer(Buffer.from(text, 'utf8'), name);
  }
  return zipToBuffer(zip);
}

async function save(wb: ExcelJS.Workbook, writer: Writer): Promise<Buffer> {
  const out = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return writer === 'excel' ? out : toInlineStrings(out);
}


/** Fills a 进展填报表 as a department would: rows by 编号. */
export async function fillProgress(bytes: Buffer, fills: Record<string, ProgressFill>, writer: Writer = 'excel'): Promise<Buffer> {
  const { wb, ws, header, column } = await load(bytes);
  for (const [path, fill] of Object.entries(fills)) {
    const r = rowOf(ws, header, column('编号'), path);
    for (const [key, value] of Object.entries(fill) as [keyof ProgressFill, Date | string | number][]) {
      ws.getRow(r).getCell(column(PROGRESS_LABELS[key])).value = value;
    }
  }
  return save(wb, writer);
}

/** Changes the sheet the way a careless department does: edits a locked cell, re-sorts, adds a row. */
export async function tamper(bytes: Buffer, change: (ws: ExcelJS.Worksheet, column: (label: string) => number, header: number) => void): Promise<Buffer> {
  const { wb, ws, header, column } = await load(bytes);
  change(ws, column, header);
  return save(wb, 'excel');
}

export interface ProposalFill {
  measure: string;
  leader?: string;
  deadline?: string;
}

/** Fills a 征求措施表: proposals under each problem (by 问题编号), in the given order, and the 填报人 line. */
export async function fillProposals(bytes: Buffer, fills: Record<string, ProposalFill[]>, reporter = '张秘书', writer: Writer = 'excel'): Promise<Buffer> {
  const { wb, ws, header, column } = await load(bytes);
  for (const [path, list] of Object.entries(fills)) {
    const first = rowOf(ws, header, column('问题编号'), path);
    list.forEach((p, i) => {
      const row = ws.getRow(first + i);
      row.getCell(column('整改措施')).value = p.measure;
      if (p.leader) row.getCell(column('责任领导')).value = p.leader;
      if (p.deadline) row.getCell(column('完成时限')).value = p.deadline;
    });
  }
  ws.eachRow((row) => {
    row.eachCell((cell, col) => {
      if (cell.value === '填报人：') row.getCell(col + 1).value = reporter;
      if (cell.value === '填报日期：') row.getCell(col + 1).value = '2026年3月10日';
    });
  });
  return save(wb, writer);
}

export function returned(name: string, bytes: Buffer): ReturnedFile {
  return { name, dataBase64: bytes.toString('base64') };
}
