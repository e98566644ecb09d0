// Family 8 of issue 13: the front matter of a report or speech delivered to a people's congress or a
// meeting. Under the title stand a 题注 ("——2026年1月10日在市第十届人民代表大会第五次会议上" or in
// brackets), the speaker ("市财政局局长 王某某") and the 称谓 ("主任、各位副主任、秘书长、各位委员：").
// They are neither the title, nor a 主送机关, nor sections: they stay at the head of the preamble.
import { detectMarker } from './markers.ts';
import type { SourceLine } from './types.ts';

const DASH_NOTE = /^[—–-]{1,2}\s*\S.{2,80}$/;
const BRACKET_NOTE = /^[（(][^（）()]{4,80}[）)]$/;
const NOTE_CONTENT = /(?:\d{4}|[〇○零一二]{4})\s*年|在.{2,60}(?:会议|大会|常委会|座谈会|培训班|动员会|推进会|论坛)(?:上|开幕式上)?|(?:会议|大会)(?:审议|通过)/;
const POSITIONS =
  '主任|副主任|局长|副局长|书记|副书记|市长|副市长|县长|副县长|区长|副区长|部长|副部长|厅长|副厅长|秘书长|委员|主席|副主席|院长|副院长|检察长|审计长|处长|科长|镇长|乡长|社长|校长|董事长|总经理|组长|署长|馆长|行长|主任委员|审计局长|财政局长';
const SPEAKER = new RegExp(`^(?:报告人[：:]\\s*)?[\\u4e00-\\u9fa5（）()XＸx×＊*]{2,30}?(?:${POSITIONS})\\s*[\\u4e00-\\u9fa5×XＸ＊*某]{2,4}$`);
const SPEAKER_LABELLED = /^报告人\s*[：:]\s*\S{2,30}$/;
const ADDRESS = /^(?:尊敬的)?[\u4e00-\u9fa5、，,\s]{2,60}[：:]$/;
const ADDRESS_WORDS = /各位|同志们|代表|委员|来宾|朋友们|女士们|先生们/;

export type FrontMatterRole = '题注' | '报告人' | '称谓';

export interface ReportFrontMatter {
  lines: Array<{ text: string; role: FrontMatterRole }>;
  next: number;
}

export function isTitleNote(text: string): boolean {
  return (DASH_NOTE.test(text) || BRACKET_NOTE.test(text)) && NOTE_CONTENT.test(text) && !/[。；]$/.test(text);
}

export function isSalutation(text: string): boolean {
  return ADDRESS.test(text) && ADDRESS_WORDS.test(text);
}

function isSpeaker(text: string): boolean {
  return text.length <= 36 && (SPEAKER.test(text.replace(/\u3000/g, ' ')) || SPEAKER_LABELLED.test(text)) && !/[。；，：]$/.test(text);
}

/**
 * The 题注, 报告人 and 称谓 right under the title (in any order they occur), and the line after them.
 * A speaker line counts only beside a 题注 or 称谓, so a short heading is never taken for a name.
 */
export function readReportFrontMatter(lines: readonly SourceLine[], from: number, end: number): ReportFrontMatter {
  const out: ReportFrontMatter['lines'] = [];
  for (let k = from; k < end && k < from + 4; k++) {
    const l = lines[k]!;
    if (l.cells || detectMarker(l.text)) break;
    if (isTitleNote(l.text)) out.push({ text: l.text, role: '题注' });
    else if (isSalutation(l.text) && out.length > 0) {
      out.push({ text: l.text, role: '称谓' });
      break;
    } else if (isSpeaker(l.text) && (out.length > 0 || isSalutation(lines[k + 1]?.text ?? '') || isTitleNote(lines[k + 1]?.text ?? ''))) {
      out.push({ text: l.text, role: '报告人' });
    } else break;
  }
  return { lines: out, next: from + out.length };
}
