import type { Services } from '../../electron/services/index.ts';
import { emptyDocument, emptyMeasure, type DocNode, type MeasureFields, type PlanDocument } from '../../shared/domain/document.ts';
import { addDays, localIsoDate } from '../../shared/progress/dates.ts';

/**
 * Three plans a secretary runs at once (巡察反馈, 民主生活会, 审计), with deadlines around today: some
 * overdue, some due this week, some later, some done — what the 工作台 end-to-end tests look at.
 */

const TODAY = localIsoDate();

/** A date `days` from today as a plan writes it: 2026年3月5日前. */
export function writtenDeadline(days: number): string {
  const [y, m, d] = addDays(TODAY, days).split('-').map(Number);
  return `${y}年${m}月${d}日前`;
}

function measure(heading: string, fields: Partial<MeasureFields>, body: string[] = []): DocNode {
  return { kind: 'measure', heading, body, style: {}, measure: { ...emptyMeasure(), ...fields }, problemKeys: [], children: [] };
}

function section(heading: string, children: DocNode[]): DocNode {
  return { kind: 'section', heading, body: [], style: {}, measure: null, problemKeys: [], children };
}

function plan(title: string, kind: string, sections: DocNode[]): PlanDocument {
  const doc = emptyDocument(title, kind);
  doc.sections = sections;
  return doc;
}

export interface SeededWorkbench {
  xuncha: string;
  shenghuohui: string;
  shenji: string;
}

export async function seedWorkbench(s: Services, options: { extraOverdue?: number } = {}): Promise<SeededWorkbench> {
  const extra = Array.from({ length: options.extraOverdue ?? 0 }, (_, i) =>
    measure(`第${i + 1}项逾期的整改任务`, { department: ['办公室', '组织人事科', '财务科'][i % 3] ?? null, deadline: writtenDeadline(-1 - (i % 60)) }),
  );
  const xuncha = await s.call('plans.createFromDocument', {
    document: plan('中共某某局党组关于市委第三巡察组反馈意见的整改方案', 'xunshi-xuncha', [
      section('关于党的政治建设方面', [
        section('理论学习不够深入系统', [
          measure('落实第一议题制度', { leader: '党组书记', department: '办公室', deadline: writtenDeadline(-12) }, ['党组会议首先传达学习最新精神，每月至少开展一次集体学习。']),
          measure('开展专题读书班', { leader: '党组副书记', department: '机关党委', deadline: writtenDeadline(3), status: 'in_progress' }),
        ]),
        section('选人用人不够规范', [
          measure('修订干部选拔任用工作规程', { leader: '党组成员', department: '组织人事科', deadline: writtenDeadline(-3), status: 'in_progress' }),
          measure('推进干部交流轮岗', { department: '组织人事科', deadline: '长期坚持', status: 'ongoing' }),
        ]),
      ]),
      section('关于全面从严治党方面', [
        measure('整治文山会海', { department: '办公室、机关党委', deadline: writtenDeadline(20) }),
        measure('规范公务接待', { department: '办公室', deadline: writtenDeadline(-40), status: 'done' }),
        ...extra,
      ]),
    ]),
  });
  const shenghuohui = await s.call('plans.createFromDocument', {
    document: plan('某某局领导班子2025年度民主生活会查摆问题整改方案', 'minzhu-shenghuohui', [
      section('整改措施', [
        measure('严肃党内政治生活', { department: '机关党委', deadline: writtenDeadline(5) }, ['认真开展批评和自我批评，每季度召开一次谈心谈话会。']),
        measure('改进调查研究', { department: '办公室', deadline: writtenDeadline(-1) }),
        measure('健全联系群众制度', { department: '群众工作科', deadline: writtenDeadline(60), status: 'closed' }),
      ]),
    ]),
  });
  const shenji = await s.call('plans.createFromDocument', {
    document: plan('关于审计发现问题的整改方案', 'shenji', [
      section('整改任务', [
        measure('清理长期挂账往来款项', { department: '财务科', deadline: writtenDeadline(-7) }),
        measure('规范政府采购程序', { department: '财务科', deadline: writtenDeadline(10), status: 'mostly_done' }),
      ]),
    ]),
  });
  return { xuncha: xuncha.id, shenghuohui: shenghuohui.id, shenji: shenji.id };
}
