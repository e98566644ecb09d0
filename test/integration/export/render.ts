import { execFileSync } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Renders a .docx with LibreOffice headless (its own profile, the 公文 font names mapped to the free
 * fonts by test/fonts/fonts.conf) and reads the PDF's text boxes with `pdftotext -bbox-layout`.
 * One conversion per document; tests share the result across assertions.
 */
export interface PdfLine {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

export interface PdfPage {
  /** 1-based */
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
}

const FONTS_CONF = path.resolve('test/fonts/fonts.conf');

export function convertToPdf(docxPath: string, outDir: string): string {
  return convertWithLibreOffice(docxPath, 'pdf', outDir);
}

/**
 * Converts a file with LibreOffice headless into `format` (pdf, xlsx …) in `outDir` (a file converted to
 * its own format must go to another folder); returns the output's path.
 */
export function convertWithLibreOffice(file: string, format: string, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const profile = path.join(outDir, 'lo-profile');
  execFileSync(
    'soffice',
    [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', format, '--outdir', outDir, file],
    { env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF }, stdio: 'pipe', timeout: 180_000 },
  );
  const out = path.join(outDir, path.basename(file).replace(/\.[^.]+$/, `.${format.split(':')[0]}`));
  if (!existsSync(out)) throw new Error(`LibreOffice produced no ${format} for ${file}`);
  return out;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export function readPdfLayout(pdfPath: string): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox-layout', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (const pm of html.matchAll(pageRe)) {
    const lines: PdfLine[] = [];
    const lineRe = /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g;
    for (const lm of pm[3]!.matchAll(lineRe)) {
      const words = [...lm[5]!.matchAll(/<word [^>]*>([\s\S]*?)<\/word>/g)].map((w) => unescape(w[1]!));
      lines.push({ xMin: Number(lm[1]), yMin: Number(lm[2]), xMax: Number(lm[3]), yMax: Number(lm[4]), text: words.join('') });
    }
    pages.push({ number: pages.length + 1, width: Number(pm[1]), height: Number(pm[2]), lines });
  }
  return pages;
}

export function renderDocx(docxPath: string, outDir: string): { pdf: string; pages: PdfPage[] } {
  const pdf = convertToPdf(docxPath, outDir);
  return { pdf, pages: readPdfLayout(pdf) };
}

// Geometry in PDF points (1 twip = 1/20 pt).
export const PT = { pageW: 11906 / 20, pageH: 16838 / 20, top: 2098 / 20, bottom: 1984 / 20, left: 1587 / 20, right: 1474 / 20, pitch: 579 / 20 };

export interface BodyRow {
  slot: number;
  text: string;
  xMin: number;
  xMax: number;
  yCenter: number;
}

/** Text rows inside the portrait type area, grouped into the 579-twip grid slots they occupy. */
export function bodyRows(page: PdfPage): BodyRow[] {
  const typeBottom = PT.pageH - PT.bottom;
  const bySlot = new Map<number, PdfLine[]>();
  for (const line of page.lines) {
    const center = (line.yMin + line.yMax) / 2;
    if (center < PT.top - 3 || center > typeBottom + 3) continue;
    const slot = Math.floor((center - PT.top) / PT.pitch);
    const list = bySlot.get(slot) ?? [];
    list.push(line);
    bySlot.set(slot, list);
  }
  return [...bySlot.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([slot, lines]) => {
      lines.sort((a, b) => a.xMin - b.xMin);
      return {
        slot,
        text: lines.map((l) => l.text).join(''),
        xMin: Math.min(...lines.map((l) => l.xMin)),
        xMax: Math.max(...lines.map((l) => l.xMax)),
        yCenter: lines.reduce((a, l) => a + (l.yMin + l.yMax) / 2, 0) / lines.length,
      };
    });
}

/** Lines below the type area (the page-number footer). */
export function footerLines(page: PdfPage): PdfLine[] {
  const typeBottom = PT.pageH - PT.bottom;
  return page.lines.filter((l) => (l.yMin + l.yMax) / 2 > typeBottom + 3);
}

/** Character cells of a row: Hanzi and full-width marks 1, ASCII ½. */
export function cells(text: string): number {
  let n = 0;
  for (const ch of text) n += (ch.codePointAt(0) ?? 0) < 0x2000 ? 0.5 : 1;
  return n;
}

/**
 * Characters on each full body line (a line reaching the right edge of the type area, all Hanzi and
 * full-width marks): 28, or 26 after the two-character indent (counted as 28). 27 is legitimate where
 * a closing mark may not start the next line; a comma or full stop hanging in the margin ends a full line.
 */
export function fullLineCounts(rows: readonly BodyRow[]): number[] {
  const counts: number[] = [];
  for (const r of rows) {
    const cjkOnly = [...r.text].every((ch) => (ch.codePointAt(0) ?? 0) >= 0x2000);
    const reachesRight = r.xMax > PT.pageW - PT.right - 12;
    // The 楷体 substitute (AR PL UKai) sets （：；、 narrower than a full cell, so responsibility
    // lines fit an extra mark in LibreOffice; the count is about the 仿宋 body text.
    const kaiLine = r.text.startsWith('（责任') || r.text.includes('完成时限');
    if (!cjkOnly || !reachesRight || kaiLine) continue;
    // A comma or full stop at the end of a full line hangs in the margin (Word's overflowPunct).
    const hangs = /[，。、；：？！]$/.test(r.text);
    let n = -1;
    if (Math.abs(r.xMin - PT.left) < 2) n = cells(r.text);
    else if (Math.abs(r.xMin - (PT.left + 31.5)) < 2) n = cells(r.text) + 2;
    if (n >= 0) counts.push(n === 29 && hangs ? 28 : n);
  }
  return counts;
}
