// Status words as written in plans, ledgers and reports (domain.md §5.2) → the one status vocabulary.
// Precedence follows domain.md §7.3: the most advanced state mentioned wins ("已完成，需长期坚持" is done,
// "基本完成取得阶段性成果并持续整改" is mostly done), and negated forms never count as positive ones.
import type { MeasureStatus } from './status.ts';

const NOT = '(?<![未不没否])';

const RULES: Array<[MeasureStatus, RegExp]> = [
  ['closed', new RegExp(`${NOT}(?:已销号|予以销号|同意销号|已经销号|完成销号)`)],
  ['close_requested', /申请销号|拟销号|待销号|提请销号|申报销号/],
  [
    'done',
    new RegExp(
      `(?:已(?:经)?(?:全部)?(?:完成|整改(?:到位|完毕|完成)?|办结|落实到位|落实)|${NOT}(?:整改到位|全部完成|整改完成|全部整改)|^完成$|^(?:已)?办结$)`,
    ),
  ],
  ['mostly_done', /基本完成|基本整改|取得阶段性(?:成效|成果|进展)|阶段性完成|部分完成|部分整改|大部分完成/],
  ['in_progress', /正在(?:整改|推进|落实|实施|办理|进行)|推进中|整改中|落实中|实施中|办理中|有序推进|按计划推进|按序时推进|已启动|稳步推进/],
  ['ongoing', /需长期坚持|长期坚持|持续推进|持续整改|持续落实|常态化推进|长期推进/],
  ['delayed', /申请延期|延期|逾期|滞后|未按期|超期/],
  ['not_done', /未完成|尚未完成|未整改|尚未整改|整改不到位|未到位|没有完成|未落实/],
  ['not_started', /未启动|尚未启动|未开始|未开展/],
];

/** The status the words describe, or null when they name none (the caller keeps the raw text either way). */
export function statusFromText(raw: string): MeasureStatus | null {
  const text = raw.replace(/\s+/g, '');
  if (text === '') return null;
  for (const [status, re] of RULES) if (re.test(text)) return status;
  return null;
}
