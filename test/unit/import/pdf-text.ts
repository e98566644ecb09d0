// Text as it comes out of a PDF: every printed line a hard line break, page numbers and a running
// header between the pages (domain.md §8 item 21).

/** Visual width as a PDF line holds it: ASCII half a character. */
const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1), 0);

/** Hard-wraps every paragraph at `columns` characters, as text copied out of a PDF comes. */
export function hardWrap(text: string, columns: number, indent: boolean): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const para = raw.trim();
    if (para === '') continue;
    if (raw.includes('\t')) {
      out.push(raw);
      continue;
    }
    let line = indent ? '\u3000\u3000' : '';
    let w = indent ? 2 : 0;
    for (const ch of para) {
      const cw = width(ch);
      if (w + cw > columns) {
        out.push(line);
        line = '';
        w = 0;
      }
      line += ch;
      w += cw;
    }
    out.push(line);
  }
  return out;
}

/** Page furniture every `rows` lines: a page number at the foot, the running header at the top. */
export function paginate(lines: string[], rows: number, header: string, pageNumber: (n: number) => string): { text: string; furniture: string[] } {
  const out: string[] = [];
  const furniture: string[] = [];
  lines.forEach((l, k) => {
    out.push(l);
    if ((k + 1) % rows === 0 && k + 1 < lines.length) {
      const inserted = [pageNumber((k + 1) / rows), header];
      out.push(...inserted);
      furniture.push(...inserted);
    }
  });
  return { text: out.join('\n') + '\n', furniture };
}
