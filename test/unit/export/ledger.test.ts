import { describe, expect, it } from 'vitest';
import { buildLedger, DEFAULT_LEDGER_COLUMNS, LEDGER_COLUMN_SETS, ledgerRows } from '../../../shared/ledger/index.ts';
import { emptyMeasure, type DocNode, type PlanDocument } from '../../../shared/domain/document.ts';
import { bigPlan } from '../../helpers/big-plan.ts';

const measure = (heading: string, problemKeys: string[], fields: Partial<ReturnType<typeof emptyMeasure>> = {}): DocNode => ({
  kind: 'measure',
  heading,
  body: ['正文。'],
  style: {},
  measure: { ...emptyMeasure(), ...fields },
  problemKeys,
  children: [],
});

const section = (heading: string, children: DocNode[]): DocNode => ({
  kind: 'section',
  heading,
  body: [],
  style: {},
  measure: null,
  problemKeys: [],
  children,
});

function plan(sections: DocNode[], problems: PlanDocument['problems'] = []) {
  return { sections, problems, level3Numbering: 'restart' as const };
}

describe('ledger rows (整改台账)', () => {
  it('has the default columns 序号, 问题, 整改措施, 责任领导, 责任部门, 完成时限, 备注', () => {
    const table = buildLedger(plan([]), { columns: DEFAULT_LEDGER_COLUMNS });
    expect(table.header).toEqual(['序号', '问题', '整改措施', '责任领导', '责任部门', '完成时限', '备注']);
    expect(table.rows).toEqual([]);
  });

  it('makes one row per measure in document order with continuous 序号 and verbatim fields', () => {
    const doc = plan(
      [
        section('整改任务', [
          section('聚焦政治忠诚', [measure('深化理论武装。', [], { leader: '党组书记', department: '办公室', deadline: '2026年1月底前并长期坚持' })]),
          section('聚焦担当作为', [measure('提高立法质量。', []), measure('增强监督刚性。', [], { cooperating: ['研究室', '法工委'] })]),
        ]),
      ],
    );
    const table = buildLedger(doc, { columns: DEFAULT_LEDGER_COLUMNS });
    expect(table.rows.map((r) => r.row.serial)).toEqual([1, 2, 3]);
    expect(table.rows.map((r) => r.row.marker)).toEqual(['1.', '1.', '2.']);
    const first = table.rows[0]!.cells.map((c) => c?.text);
    expect(first).toEqual(['1', '聚焦政治忠诚', '深化理论武装。正文。', '党组书记', '办公室', '2026年1月底前并长期坚持', '']);
    expect(table.rows[2]!.cells[6]?.text).toBe('配合部门：研究室、法工委');
  });

  it('merges the 问题 cell over consecutive measures of one problem', () => {
    const doc = plan(
      [section('整改任务', [measure('甲。', ['A']), measure('乙。', ['A']), measure('丙。', ['A']), measure('丁。', ['B'])])],
      [
        { key: 'A', category: '政治方面', text: '理论学习不够深入。' },
        { key: 'B', category: '作风方面', text: '调查研究不够扎实。' },
      ],
    );
    const table = buildLedger(doc, { columns: ['index', 'category', 'problem', 'measure'] });
    const problemCol = table.rows.map((r) => r.cells[2]);
    expect(problemCol[0]).toEqual({ text: '理论学习不够深入。', rowSpan: 3 });
    expect(problemCol[1]).toBeNull();
    expect(problemCol[2]).toBeNull();
    expect(problemCol[3]).toEqual({ text: '调查研究不够扎实。', rowSpan: 1 });
    expect(table.rows[0]!.cells[1]).toEqual({ text: '政治方面', rowSpan: 3 });
    // 序号 and 措施 are never merged
    expect(table.rows.every((r) => r.cells[0] !== null && r.cells[3] !== null)).toBe(true);
  });

  it('takes columns the document lacks from extras, keyed by the caller’s node (progress/evidence engineers)', () => {
    interface Stored extends Omit<DocNode, 'children'> {
      id: string;
      children: Stored[];
    }
    const withId = (node: DocNode, id: string, children: Stored[] = []): Stored => ({ ...node, id, children });
    const sections: Stored[] = [withId(section('整改任务', []), 's', [withId(measure('甲。', [], { status: 'closed' }), 'n1')])];
    const progress = new Map([['n1', '已建立制度2项']]);
    const table = buildLedger(
      { sections, problems: [], level3Numbering: 'restart' },
      {
        columns: LEDGER_COLUMN_SETS.E!.columns,
        extras: (row) => ({ progress: progress.get(row.node.id) ?? '', evidence: '会议纪要（2份）' }),
      },
    );
    const byLabel = Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]!.cells[i]?.text]));
    expect(byLabel['整改进展']).toBe('已建立制度2项');
    expect(byLabel['佐证材料']).toBe('会议纪要（2份）');
    expect(byLabel['是否销号']).toBe('是');
  });

  it('handles a 432-measure plan with 48 problems of 9 measures each', () => {
    const doc = bigPlan();
    const rows = ledgerRows(doc);
    expect(rows).toHaveLength(432);
    const table = buildLedger(doc, { columns: DEFAULT_LEDGER_COLUMNS });
    const merged = table.rows.filter((r) => r.cells[1] !== null);
    expect(merged).toHaveLength(48);
    expect(merged.every((r) => r.cells[1]!.rowSpan === 9)).toBe(true);
  });
});
