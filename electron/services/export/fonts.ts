import type { FontProfileId } from '../../../shared/domain/export-settings.ts';

/** The type styles the standard names; each profile maps them to font products (§4). */
export type FontRole = 'fang' | 'kai' | 'hei' | 'xbs' | 'song';

export interface FontProfile {
  id: FontProfileId;
  faces: Record<FontRole, string>;
}

export const FONT_PROFILES_BY_ID: Record<FontProfileId, FontProfile> = {
  windows: { id: 'windows', faces: { fang: '仿宋_GB2312', kai: '楷体_GB2312', hei: '黑体', xbs: '方正小标宋简体', song: '宋体' } },
  'windows-basic': { id: 'windows-basic', faces: { fang: '仿宋', kai: '楷体', hei: '黑体', xbs: '方正小标宋简体', song: '宋体' } },
  xinchuang: {
    id: 'xinchuang',
    faces: { fang: '方正仿宋_GBK', kai: '方正楷体_GBK', hei: '方正黑体_GBK', xbs: '方正小标宋_GBK', song: '宋体' },
  },
};

export interface RunFont {
  ascii: string;
  hAnsi: string;
  cs: string;
  eastAsia: string;
  hint: string;
}

/** The four font slots of a run: Chinese face for Hanzi, the Latin face for digits and letters. */
export function runFont(profile: FontProfile, role: FontRole, latinFont: string): RunFont {
  const eastAsia = profile.faces[role];
  // Page numbers: the standard wants 宋体 digits and a full-width 一字线 in every renderer (§6.2).
  const latin = role === 'song' ? eastAsia : latinFont;
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' };
}

interface FontEntry {
  altName?: string;
  charset: string;
  family: 'modern' | 'roman' | 'swiss' | 'script' | 'auto';
  pitch: 'fixed' | 'variable';
}

/**
 * Font-table data: Word should try `altName` before metric substitution (ECMA-376 §17.8.3.1), so a PC
 * without 仿宋_GB2312 falls back to 仿宋 rather than to a sans face. One altName per font.
 */
const FONT_ENTRIES: Record<string, FontEntry> = {
  仿宋_GB2312: { altName: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体_GB2312: { altName: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { altName: 'FangSong', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体: { altName: 'KaiTi', charset: '86', family: 'modern', pitch: 'fixed' },
  黑体: { altName: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed' },
  宋体: { altName: 'SimSun', charset: '86', family: 'auto', pitch: 'variable' },
  方正小标宋简体: { altName: '方正小标宋_GBK', charset: '86', family: 'script', pitch: 'variable' },
  方正小标宋_GBK: { altName: '方正小标宋简体', charset: '86', family: 'script', pitch: 'variable' },
  方正仿宋_GBK: { altName: '仿宋', charset: '86', family: 'script', pitch: 'variable' },
  方正楷体_GBK: { altName: '楷体', charset: '86', family: 'script', pitch: 'variable' },
  方正黑体_GBK: { altName: '黑体', charset: '86', family: 'script', pitch: 'variable' },
  'Times New Roman': { charset: '00', family: 'roman', pitch: 'variable' },
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** word/fontTable.xml naming every face the document uses, with fallbacks (`docx` leaves it empty). */
export function fontTableXml(fonts: Iterable<string>): string {
  const entries = [...new Set(fonts)].map((name) => {
    const e = FONT_ENTRIES[name] ?? { charset: '86', family: 'auto' as const, pitch: 'variable' as const };
    const alt = e.altName ? `<w:altName w:val="${escapeXml(e.altName)}"/>` : '';
    return `<w:font w:name="${escapeXml(name)}">${alt}<w:charset w:val="${e.charset}"/><w:family w:val="${e.family}"/><w:pitch w:val="${e.pitch}"/></w:font>`;
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries.join('') +
    '</w:fonts>'
  );
}

/** Every face a profile names (for the font table and the “fonts not installed” notice). */
export function profileFaces(profile: FontProfile, latinFont: string): string[] {
  return [...new Set([...Object.values(profile.faces), latinFont])];
}
