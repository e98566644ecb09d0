import type { EvidenceType } from '../api/evidence.ts';

/** A first guess of the 材料类型 from the file name; the user can change it. */
export function guessEvidenceType(name: string): EvidenceType {
  const ext = extensionOf(name).toLowerCase();
  if (/纪要|会议记录|党组会|常委会|办公会/.test(name)) return '会议纪要';
  if (/签到/.test(name)) return '签到表';
  if (/凭证|发票|收据|退款|缴款|调账|银行回单/.test(name)) return '财务凭证';
  if (/调研|调查报告/.test(name)) return '调研报告';
  if (/学习|研讨|心得|发言|培训/.test(name)) return '学习记录';
  // 关于印发《…办法》的通知 is the issued document, so 印发 is checked before the rule words.
  if (/通知|印发|〔\d{4}〕|\[\d{4}\]号/.test(name)) return '印发文件';
  if (/制度|办法|规定|细则|规则|规程|实施意见/.test(name)) return '制度文本';
  if (/照片|图片|现场/.test(name) || ['.jpg', '.jpeg', '.png', '.gif', '.bmp', '.webp', '.heic', '.tif', '.tiff'].includes(ext)) return '照片';
  return '其他';
}

/** '.pdf' of 'a.b.PDF' (as written); '' when none. */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const i = base.lastIndexOf('.');
  if (i <= 0 || i === base.length - 1) return '';
  const ext = base.slice(i);
  // Only short ASCII extensions count; "会议纪要.第一次" is a name, not an extension.
  return /^\.[A-Za-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/**
 * Characters that change how a name is displayed without being seen: bidirectional overrides and
 * isolates (`invoice\u202Efdp.exe` shows as “invoiceexe.pdf”), marks and zero-width characters.
 */
const INVISIBLE_CONTROLS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function stripInvisibleControls(name: string): string {
  return name.replace(INVISIBLE_CONTROLS, '');
}

/**
 * A name every OS accepts: no \ / : * ? " < > | or control characters (bidirectional ones included),
 * no trailing dots or spaces, not a reserved Windows device name, at most 120 characters.
 */
export function safeFileName(name: string, fallback = '材料'): string {
  let s = stripInvisibleControls(name).replace(/[\u0000-\u001f\\/:*?"<>|]/g, '_').replace(/[. ]+$/g, '').trim();
  if (s === '' || /^\.+$/.test(s)) s = fallback;
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(s)) s = `_${s}`;
  if (s.length > 120) {
    const ext = extensionOf(s);
    s = s.slice(0, 120 - ext.length) + ext;
  }
  return s;
}

/**
 * The file's name in an evidence package: <measure path>_<type>_<YYYYMMDD><ext>, e.g.
 * 三-1-2_会议纪要_20260115.pdf, so the folder sorts by measure and matches the 台账.
 */
export function packageFileName(measurePath: string, type: string, isoDate: string, originalName: string): string {
  const date = isoDate.replace(/-/g, '');
  const ext = extensionOf(originalName).toLowerCase();
  return safeFileName(`${measurePath.replace(/^#/, '')}_${type}_${date}${ext}`);
}

/** Makes names unique within one package: a second 三-1-2_照片_20260115.jpg becomes …_20260115(2).jpg. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const out: string[] = [];
  const used = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (!used.has(key)) {
      used.add(key);
      out.push(name);
      continue;
    }
    let n = seen.get(key) ?? 1;
    let candidate: string;
    do {
      n++;
      candidate = numberedName(name, n);
    } while (used.has(candidate.toLowerCase()) || (taken.has(candidate.toLowerCase()) && candidate.toLowerCase() !== key));
    seen.set(key, n);
    used.add(candidate.toLowerCase());
    out.push(candidate);
  }
  return out;
}

/**
 * Evidence types the desktop app opens with the system's program: documents and pictures. Anything
 * else (.exe, .bat, .lnk, .js, .html …) could run code, so it is only ever saved with 另存为.
 */
export const OPENABLE_EXTENSIONS: readonly string[] = [
  'pdf', 'doc', 'docx', 'wps', 'xls', 'xlsx', 'et', 'ppt', 'pptx', 'dps', 'ofd', 'txt',
  'jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff',
];

/** Whether a file of this name may be opened by the system (judged on the name as it will be written). */
export function isOpenableName(name: string): boolean {
  return OPENABLE_EXTENSIONS.includes(extensionOf(stripInvisibleControls(name)).slice(1).toLowerCase());
}

/** Byte length of a name in UTF-8 (what Linux file systems limit to 255). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * The name of a copy written for the user to open or save: safe on every OS (safeFileName), without
 * invisible controls, and short enough for a temporary folder — at most `maxBytes` of UTF-8 (a long
 * Chinese name is 3 bytes a character) and 80 characters, the extension kept.
 */
export function copyFileName(originalName: string, maxBytes = 150): string {
  const safe = safeFileName(originalName);
  const ext = extensionOf(safe);
  let stem = ext ? safe.slice(0, -ext.length) : safe;
  const chars = [...stem];
  while (chars.length > 0 && (chars.length + ext.length > 80 || utf8Length(chars.join('') + ext) > maxBytes)) chars.pop();
  stem = chars.join('').replace(/[. ]+$/g, '');
  return stem ? `${stem}${ext}` : safeFileName('', '材料') + ext;
}

/** The n-th name for a file whose name is taken: 照片.jpg → 照片(2).jpg. */
export function numberedName(name: string, n: number): string {
  const ext = extensionOf(name);
  const stem = ext ? name.slice(0, -ext.length) : name;
  return `${stem}(${n})${ext}`;
}
