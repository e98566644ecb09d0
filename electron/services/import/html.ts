// A saved web page (.html/.htm): block elements become lines, table rows become cell rows.
import { decodeEntities } from './docx.ts';
import type { SourceLine } from '../../../shared/importer/types.ts';

export function htmlToLines(html: string): SourceLine[] {
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|head|nav|footer|iframe|svg)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/\r?\n|\r/g, ' ');
  const lines: SourceLine[] = [];
  // Tables first: each <tr> becomes a row of cells, marked so the text pass keeps it whole.
  const withRows = body.replace(/<tr\b[\s\S]*?<\/tr>/gi, (tr) => {
    const cells = [...tr.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/gi)].map((c) => inline(c[1]!));
    return `\n\u0001${cells.join('\u0002')}\n`;
  });
  const text = withRows
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|table|tbody|thead|section|article|blockquote|pre|center)\b[^>]*>/gi, '\n');
  for (const raw of text.split('\n')) {
    if (raw.startsWith('\u0001')) {
      const cells = raw.slice(1).split('\u0002');
      lines.push({ text: cells.join('\t'), cells });
    } else {
      const t = inline(raw);
      if (t !== '') lines.push({ text: t });
    }
  }
  return lines;
}

function inline(s: string): string {
  return decodeEntities(s.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, ' '), true).replace(/[ \t]+/g, ' ').trim();
}
