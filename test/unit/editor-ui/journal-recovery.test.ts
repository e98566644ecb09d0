import { describe, expect, it } from 'vitest';
import type { PlanDetail, StoredNode } from '../../../shared/api/plans.ts';
import { emptyDocument, emptyMeasure } from '../../../shared/domain/document.ts';
import type { JournalRecord } from '../../../renderer/editor/edit-journal.ts';
import { planRecovery } from '../../../renderer/editor/journal-recovery.ts';
import { descriptionsText, describeEdits } from '../../../renderer/editor/text-edits.ts';

function measure(id: string, heading: string, fields: Partial<ReturnType<typeof emptyMeasure>> = {}): StoredNode {
  return { id, kind: 'measure', heading, body: [], style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

function plan(version: number, outline: StoredNode[]): PlanDetail {
  const { sections: _sections, ...document } = emptyDocument('关于某局整改方案');
  return {
    id: 'p1',
    title: document.title,
    kind: 'blank',
    status: 'draft',
    measureCount: 2,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    version,
    archived: false,
    completionRate: 0,
    overdue: 0,
    nextDueDate: null,
    meta: { org: null, year: null, templateId: null, variables: {}, settings: {} },
    document: { ...document, issuer: '中共某局党组' },
    outline: [{ id: 's1', kind: 'section', heading: '整改任务', body: [], style: {}, measure: null, problemKeys: [], children: outline }],
  };
}

const stored = () => [measure('m1', '健全学习制度。', { department: '办公室' }), measure('m2', '开展专题研讨。')];

function record(session: string, baseVersion: number, edits: JournalRecord['edits'], touchedAt = '2025-02-01T00:00:00Z'): JournalRecord {
  return { session, baseVersion, touchedAt, edits };
}

describe('打开方案时从本机日志恢复', () => {
  it('方案未变：列出未保存的修改（位置与字段名），恢复时全部套用', () => {
    const offer = planRecovery(
      [record('a', 5, [{ kind: 'node', nodeId: 'm1', patch: { heading: '健全学习制度，定期检查。', body: ['第一段。', '第二段。'], measure: { department: '机关党委' } } }])],
      plan(5, stored()),
    )!;
    expect(offer.stale).toBe(false);
    expect(offer.items).toEqual([
      {
        title: '措施“（一）健全学习制度，定期检查。”',
        missing: false,
        stored: null,
        fields: [
          { label: '措施标题', text: '健全学习制度，定期检查。' },
          { label: '正文', text: '第一段。\n第二段。' },
          { label: '责任部门', text: '机关党委' },
        ],
      },
    ]);
    expect(offer.edits).toHaveLength(1);
  });

  it('已经保存过的（服务存下了但页面没收到回答）不再提出', () => {
    const offer = planRecovery([record('a', 5, [{ kind: 'node', nodeId: 'm1', patch: { heading: '健全学习制度。', measure: { department: '办公室' } } }])], plan(6, stored()))!;
    expect(offer.items).toEqual([]);
    expect(offer.edits).toEqual([]);
    expect(offer.sessions).toEqual(['a']);
  });

  it('方案在此之后被修改：标为过期，逐项列出现在保存的内容；只提出与现存不同的字段', () => {
    const now = stored();
    now[1] = measure('m2', '另一窗口改过的标题。');
    const offer = planRecovery(
      [record('a', 5, [{ kind: 'node', nodeId: 'm2', patch: { heading: '本窗口的标题。', measure: { department: null, person: '张三' } } }])],
      plan(9, now),
    )!;
    expect(offer.stale).toBe(true);
    expect(offer.items[0]?.fields).toEqual([
      { label: '措施标题', text: '本窗口的标题。' },
      { label: '责任人', text: '张三' },
    ]);
    expect(offer.items[0]?.stored).toEqual([
      { label: '措施标题', text: '另一窗口改过的标题。' },
      { label: '责任人', text: '（空）' },
    ]);
    expect(offer.edits).toEqual([{ kind: 'node', nodeId: 'm2', patch: { heading: '本窗口的标题。', measure: { person: '张三' } } }]);
  });

  it('节点已被删除：列出文字供复制，但不套用', () => {
    const offer = planRecovery([record('a', 5, [{ kind: 'node', nodeId: 'gone', patch: { heading: '写给已删除措施的字' } }])], plan(7, stored()))!;
    expect(offer.items).toMatchObject([{ title: '已删除的内容', missing: true, fields: [{ label: '标题', text: '写给已删除措施的字' }] }]);
    expect(offer.edits).toEqual([]);
    expect(descriptionsText(offer.items)).toBe('【已删除的内容】\n标题：写给已删除措施的字');
  });

  it('多个旧窗口的记录按时间合并，后写的为准；方案信息字段用其名称', () => {
    const offer = planRecovery(
      [
        record('old', 5, [{ kind: 'header', patch: { issuer: '中共某局委员会', date: '2025年12月1日' } }], '2025-02-01T00:00:00Z'),
        record('new', 5, [{ kind: 'header', patch: { date: '2025年12月5日' } }], '2025-02-02T00:00:00Z'),
      ],
      plan(5, stored()),
    )!;
    expect(offer.items).toEqual([
      {
        title: '方案信息',
        missing: false,
        stored: null,
        fields: [
          { label: '落款', text: '中共某局委员会' },
          { label: '成文日期', text: '2025年12月5日' },
        ],
      },
    ]);
    expect(offer.sessions).toEqual(['old', 'new']);
  });

  it('复制的文字：每处一段，每个字段一行', () => {
    const text = descriptionsText(
      describeEdits(
        [
          { kind: 'node', nodeId: 'm2', patch: { heading: '开展专题研讨。', measure: { cooperating: ['研究室', '机关党委'], status: 'in_progress' } } },
          { kind: 'header', patch: { level3Numbering: 'continuous' } },
        ],
        plan(1, stored()).outline,
        'restart',
      ),
    );
    expect(text).toBe('【措施“（二）开展专题研讨。”】\n措施标题：开展专题研讨。\n配合部门：研究室、机关党委\n状态：正在推进\n\n【方案信息】\n三级序号：全文连续编号');
  });

  it('未保存的印发通知（导出对话框中改写的）按行列出，可以复制回去', () => {
    const notice = { title: '', addressee: '机关各科室', body: ['现将方案印发给你们，请认真落实。'], issuer: null, date: '2026年1月5日' };
    const text = descriptionsText(describeEdits([{ kind: 'header', patch: { notice } }], plan(1, stored()).outline, 'restart'));
    expect(text).toBe('【方案信息】\n印发通知：机关各科室\n现将方案印发给你们，请认真落实。\n2026年1月5日');
  });
});
