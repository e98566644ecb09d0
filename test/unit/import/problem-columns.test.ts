// Issue 16 item 6: a source that pairs problems with measures lands in the right ledger columns — 问题
// holds the problem, 整改措施 the measure's own text, 问题类别 the category the source names (never a
// structural heading such as "问题清单及整改安排" or "关于第1方面问题的整改").
import { describe, expect, it } from 'vitest';
import { recognisePlan } from '../../../shared/importer/recognise.ts';
import { buildLedger } from '../../../shared/ledger/rows.ts';

function ledger(text: string): string[][] {
  const { document } = recognisePlan(text);
  const t = buildLedger(document, { columns: ['category', 'problem', 'measure', 'department'] });
  // Merged cells repeat their text, so every row reads on its own.
  const last: string[] = [];
  return t.rows.map((r) => r.cells.map((c, k) => (c ? (last[k] = c.text) : last[k]!)));
}

describe('problems and measures in their own ledger columns', () => {
  it('a 问题清单 table under a structural heading', () => {
    const rows = ledger(`XX局巡察反馈问题整改清单
问题清单及整改安排
序号\t问题类别\t存在问题\t整改措施\t责任部门\t完成时限
1\t政治建设方面\t学习贯彻党的创新理论不深入\t建立党组理论学习中心组学习计划，每月集中学习1次\t办公室\t2026年3月底前
2\t\t\t开展专题研讨\t办公室\t长期坚持
3\t作风建设方面\t文山会海问题依然存在\t压减会议数量\t综合科\t2026年6月底前
`);
    expect(rows).toEqual([
      ['政治建设方面', '学习贯彻党的创新理论不深入', '建立党组理论学习中心组学习计划，每月集中学习1次', '办公室'],
      ['政治建设方面', '学习贯彻党的创新理论不深入', '开展专题研讨', '办公室'],
      ['作风建设方面', '文山会海问题依然存在', '压减会议数量', '综合科'],
    ]);
  });

  it('numbered problems with 存在问题/具体表现 and 整改措施 blocks under 方面 headings', () => {
    const rows = ledger(`XX局关于巡察反馈问题的整改方案
一、问题清单及整改安排
（一）政治建设方面
1.理论学习不够深入。
存在问题：理论学习流于形式，学用脱节。
整改措施：建立学习计划，每月集中学习1次。
责任部门：办公室；完成时限：2026年3月底前。
2.意识形态工作责任制落实不到位。
具体表现：对网络舆情研判不及时。
整改措施：每季度专题研究意识形态工作。
责任部门：宣传科；完成时限：长期坚持。
（二）作风建设方面
3.文山会海问题依然存在。整改措施：压减会议数量，严控发文规模。（责任部门：综合科；完成时限：2026年6月底前）
`);
    expect(rows).toEqual([
      ['政治建设方面', '理论学习不够深入', '建立学习计划，每月集中学习1次。', '办公室'],
      ['政治建设方面', '意识形态工作责任制落实不到位', '每季度专题研究意识形态工作。', '宣传科'],
      ['作风建设方面', '文山会海问题依然存在', '压减会议数量，严控发文规模。', '综合科'],
    ]);
  });

  it('a problem heading with 具体表现 above numbered measures, under “关于第N方面问题的整改”', () => {
    const text = `XX局落实省委巡视反馈意见整改方案
一、关于第1方面问题的整改
（一）学习贯彻党的创新理论不深入
具体表现：个别党员干部学习浮于表面，学用脱节。
整改措施：
1.建立学习计划。每月集中学习1次。（责任部门：办公室；完成时限：2026年3月底前）
2.开展专题研讨。（责任部门：办公室；完成时限：长期坚持）
二、关于第2方面问题的整改
（一）文山会海问题依然存在
具体表现：会议多、文件多。
整改措施：
1.压减会议数量。（责任部门：综合科；完成时限：2026年6月底前）
`;
    expect(ledger(text)).toEqual([
      ['', '学习贯彻党的创新理论不深入', '建立学习计划。每月集中学习1次。', '办公室'],
      ['', '学习贯彻党的创新理论不深入', '开展专题研讨', '办公室'],
      ['', '文山会海问题依然存在', '压减会议数量', '综合科'],
    ]);
    const { document } = recognisePlan(text);
    expect(document.problems.map((p) => [p.text, p.category])).toEqual([
      ['学习贯彻党的创新理论不深入', null],
      ['文山会海问题依然存在', null],
    ]);
  });

  it('a measure directly under a structural heading shows no problem rather than the heading', () => {
    const rows = ledger('XX局整改方案\n一、关于第1方面问题的整改\n1.建立学习计划。（责任部门：办公室）\n');
    expect(rows).toEqual([['', '', '建立学习计划', '办公室']]);
  });
});
