import { describe, expect, it } from 'vitest';
import { buildPlanLayout, type Block } from '../../../electron/services/export/blocks.ts';
import { defaultLedgerTitle } from '../../../shared/ledger/title.ts';
import { formatDocDate } from '../../../electron/services/export/doc-date.ts';
import { CELL, textWidthTwips } from '../../../electron/services/export/metrics.ts';
import { defaultExportSettings, resolveExportSettings } from '../../../shared/domain/export-settings.ts';
import { emptyDocument, emptyMeasure, type DocNode, type PlanDocument } from '../../../shared/domain/document.ts';

const node = (kind: DocNode['kind'], heading: string, body: string[] = [], children: DocNode[] = [], extra: Partial<DocNode> = {}): DocNode => ({
  kind,
  heading,
  body,
  style: {},
  measure: kind === 'measure' ? { ...emptyMeasure(), leader: '党组书记', department: '办公室', deadline: '长期坚持' } : null,
  problemKeys: [],
  children,
  ...extra,
});

function samplePlan(): PlanDocument {
  return {
    ...emptyDocument('市人大常委会党组2025年度民主生活会查摆问题整改方案'),
    preamble: ['根据部署要求,结合实际,制定本方案。'],
    sections: [
      node('section', '指导思想', ['坚持以习近平新时代中国特色社会主义思想为指导。']),
      node('section', '整改任务', [], [
        node('section', '在强化政治忠诚方面', [], [node('measure', '深化理论武装', ['严格落实“第一议题”制度。']), node('measure', '健全落实机制。', ['建立台账。'])]),
        node('section', '在担当作为方面', [], [node('measure', '提高立法质量', ['完善论证评估机制。'])]),
      ]),
      node('section', '组织保障', [], [node('section', '加强组织领导', ['党组书记履行第一责任人责任。'])]),
    ],
    attachments: ['整改清单'],
    issuer: '中共XX市人大常委会党组',
    date: '2025年12月05日',
  };
}

const text = (b: Block) => b.runs.map((r) => r.text).join('');

describe('plan layout blocks', () => {
  const layout = buildPlanLayout(samplePlan(), defaultExportSettings());
  const blocks = layout.blocks;

  it('title lines first in 小标宋 二号, centred, then one empty row', () => {
    const titles = blocks.filter((b) => b.kind === 'title');
    expect(titles.map(text)).toEqual(['市人大常委会党组2025年度', '民主生活会查摆问题整改方案']);
    expect(titles.every((b) => b.size === 44 && b.align === 'center' && b.runs[0]!.role === 'xbs')).toBe(true);
    expect(blocks[titles.length]!.kind).toBe('blank');
  });

  it('generates markers from the outline with the level fonts: 一、黑体, （一）楷体, 1. 仿宋 bold lead', () => {
    const h1 = blocks.find((b) => text(b) === '一、指导思想')!;
    expect(h1.runs[0]!.role).toBe('hei');
    expect(h1.keepNext).toBe(true);
    expect(h1.firstLineChars).toBe(200);
    const h2 = blocks.find((b) => text(b) === '（一）在强化政治忠诚方面')!;
    expect(h2.runs[0]!.role).toBe('kai');
    expect(h2.keepNext).toBe(true);
    const m1 = blocks.find((b) => b.kind === 'measure' && text(b).startsWith('1.深化'))!;
    expect(m1.runs).toEqual([
      { text: '1.深化理论武装。', role: 'fang', bold: true },
      { text: '严格落实“第一议题”制度。', role: 'fang' },
    ]);
    // level 3 restarts in each section by default
    expect(blocks.some((b) => text(b).startsWith('1.提高立法质量。'))).toBe(true);
    expect(blocks.some((b) => text(b).startsWith('2.健全落实机制。建立台账。'))).toBe(true);
  });

  it('runs a leaf （一） heading into its body, keeps a heading with sub-items on its own line', () => {
    expect(blocks.some((b) => text(b) === '（一）加强组织领导。党组书记履行第一责任人责任。' && b.runs[0]!.role === 'kai')).toBe(true);
  });

  it('renders the responsibility line in 楷体 after each measure, or leaves it out', () => {
    const lines = blocks.filter((b) => b.kind === 'responsibility');
    expect(lines).toHaveLength(3);
    expect(text(lines[0]!)).toBe('（责任领导：党组书记；责任部门：办公室；完成时限：长期坚持）');
    expect(lines[0]!.runs[0]!.role).toBe('kai');
    const off = buildPlanLayout(samplePlan(), resolveExportSettings({ responsibilityLine: false, boldLeadSentence: false }));
    expect(off.blocks.some((b) => b.kind === 'responsibility')).toBe(false);
    expect(off.blocks.find((b) => b.kind === 'measure')!.runs[0]!.bold).toBe(false);
  });

  it('bolds （一） headings only when asked', () => {
    expect(blocks.find((b) => text(b).startsWith('（一）在强化'))!.runs[0]!.bold).toBe(false);
    const l = buildPlanLayout(samplePlan(), resolveExportSettings({ boldLevel2: true }));
    expect(l.blocks.find((b) => text(b).startsWith('（一）在强化'))!.runs[0]!.bold).toBe(true);
  });

  it('numbers 1. through the document when asked', () => {
    const cont = buildPlanLayout(samplePlan(), resolveExportSettings({ level3Numbering: 'continuous' }));
    expect(cont.blocks.filter((b) => b.kind === 'measure').map((b) => text(b).split('.')[0])).toEqual(['1', '2', '3']);
  });

  it('normalises punctuation in the text', () => {
    expect(blocks.some((b) => text(b) === '根据部署要求，结合实际，制定本方案。')).toBe(true);
    expect(layout.punctuationChanges).toBeGreaterThan(0);
  });

  it('makes the ledger the attachment named like a list, labelled 附件', () => {
    expect(layout.appendix?.label).toBe('附件');
    expect(layout.appendix?.title).toBe('整改清单');
    const note = blocks.find((b) => b.kind === 'attachment-note')!;
    expect(text(note)).toBe('附件：整改清单');
    expect(note.left).toBe(5 * CELL);
    expect(note.hanging).toBe(3 * CELL);
  });

  it('adds the ledger to 附件说明 with numbered hanging indents when other attachments exist', () => {
    const plan = { ...samplePlan(), attachments: ['领导小组成员名单'] };
    const l = buildPlanLayout(plan, defaultExportSettings());
    const notes = l.blocks.filter((b) => b.kind === 'attachment-note');
    expect(notes.map(text)).toEqual(['附件：1.领导小组成员名单', `2.${defaultLedgerTitle(plan.title)}`]);
    const w = textWidthTwips('1.');
    expect(notes[0]!.left).toBe(5 * CELL + w);
    expect(notes[0]!.hanging).toBe(3 * CELL + w);
    expect(notes[1]!.hanging).toBe(textWidthTwips('2.'));
    expect(l.appendix?.label).toBe('附件2');
    expect(defaultLedgerTitle(plan.title)).toBe('市人大常委会党组2025年度民主生活会查摆问题整改台账');
  });

  it('places 署名 右空二字 and the date two characters further right, in standard form, without a seal', () => {
    const sig = blocks.find((b) => b.kind === 'signature')!;
    const date = blocks.find((b) => b.kind === 'date')!;
    expect(text(date)).toBe('2025年12月5日');
    const wName = textWidthTwips('中共XX市人大常委会党组');
    const wDate = textWidthTwips('2025年12月5日');
    expect(sig.right).toBe(2 * CELL);
    expect(date.right).toBe(wName - wDate);
    // the date's first character is two characters right of the 署名's first character
    expect(wName + sig.right! - (wDate + date.right!)).toBe(2 * CELL);
    expect(layout.warnings.some((w) => w.includes('2025年12月5日'))).toBe(true);
  });

  it('centres 署名 on a date 右空四字 with room for the seal', () => {
    const l = buildPlanLayout(samplePlan(), resolveExportSettings({ seal: true }));
    const i = l.blocks.findIndex((b) => b.kind === 'signature');
    const sig = l.blocks[i]!;
    const date = l.blocks[i + 1]!;
    expect(date.right).toBe(4 * CELL);
    const centreName = sig.right! + textWidthTwips(text(sig)) / 2;
    const centreDate = date.right! + textWidthTwips(text(date)) / 2;
    expect(Math.abs(centreName - centreDate)).toBeLessThanOrEqual(1);
    expect(l.blocks[i - 1]!.kind).toBe('blank');
    expect(l.blocks[i - 2]!.kind).toBe('blank');
  });

  it('chains the last body line, 附件说明, 署名 and date so the signature never stands alone', () => {
    const i = blocks.findIndex((b) => b.kind === 'attachment-note');
    const lastBody = blocks[i - 2]!;
    expect(lastBody.kind).not.toBe('blank');
    expect(lastBody.keepNext).toBe(true);
    const tail = blocks.slice(i - 1);
    expect(tail.slice(0, -1).every((b) => b.keepNext)).toBe(true);
    expect(tail[tail.length - 1]!.kind).toBe('date');
  });
});

describe('成文日期', () => {
  it('uses Arabic numerals without zero padding', () => {
    expect(formatDocDate('2025年12月15日')).toBe('2025年12月15日');
    expect(formatDocDate('2026年01月05日')).toBe('2026年1月5日');
    expect(formatDocDate('2026-1-5')).toBe('2026年1月5日');
    expect(formatDocDate('二〇二五年十二月十五日')).toBe('2025年12月15日');
    expect(formatDocDate('二〇二六年一月三十一日')).toBe('2026年1月31日');
    expect(formatDocDate('2025年2月30日')).toBeNull();
    expect(formatDocDate('十二月')).toBeNull();
  });
});
