import type { CSSProperties } from 'react';
import type { Preview, PreviewPage } from '../../shared/api/export.ts';

/**
 * The pages as they will print: A4 at the document's metrics (22 rows × 28 characters, 579-twip
 * rows, page numbers "— n —" outside right on odd pages and left on even ones), the ledger pages
 * landscape with the header row repeated; the 版头 with its red rule, the 印发通知 in front, the
 * 版记 page at the end. Lines come broken and paginated from the service, so the page count is the
 * exported document's.
 */

/** CSS fallbacks after the face the document names, so the preview stays close without the font. */
const FALLBACK: Record<string, string> = {
  fang: '"FangSong", "STFangsong", "Noto Serif CJK SC", serif',
  kai: '"KaiTi", "STKaiti", "AR PL UKai CN", serif',
  hei: '"SimHei", "STHeiti", "Noto Sans CJK SC", sans-serif',
  xbs: '"SimSun", "STSong", "Noto Serif CJK SC", serif',
  song: '"SimSun", "STSong", "AR PL UMing CN", serif',
};

const PART_LABELS: Record<PreviewPage['part'], (n: number) => string> = {
  notice: (n) => `第${n}页（印发通知）`,
  plan: (n) => `第${n}页`,
  ledger: (n) => `第${n}页（台账）`,
  blank: (n) => `第${n}页（空白页）`,
  colophon: (n) => `第${n}页（版记）`,
};

function family(fonts: Preview['fonts'], role: keyof Preview['fonts']): string {
  return `"${fonts[role]}", "Times New Roman", ${FALLBACK[role] ?? 'serif'}`;
}

export function PagedPreview({ preview, width = 420 }: { preview: Preview; width?: number }) {
  return (
    <div className="export-preview" data-testid="export-preview">
      {preview.pages.map((page) => (
        <PageView key={page.number} page={page} preview={preview} width={width} />
      ))}
    </div>
  );
}

function PageView({ page, preview, width }: { page: PreviewPage; preview: Preview; width: number }) {
  const g = preview.geometry;
  const landscape = page.orientation === 'landscape';
  const pageW = landscape ? g.pageHeight : g.pageWidth;
  const pageH = landscape ? g.pageWidth : g.pageHeight;
  // Same scale for both orientations, so a landscape page is as tall as a portrait one is wide.
  const scale = width / g.pageWidth;
  const px = (twips: number) => twips * scale;
  // Landscape: the portrait margins rotated (top = 订口 28 mm, left = 35 mm).
  const top = landscape ? g.marginLeft : g.marginTop;
  const left = landscape ? g.marginBottom : g.marginLeft;
  const textWidth = pageW - left - (landscape ? g.marginTop : g.marginRight);
  const style: CSSProperties = { width: px(pageW), height: px(pageH) };
  const odd = page.number % 2 === 1;
  return (
    <div className={`export-page ${landscape ? 'landscape' : 'portrait'}`} style={style} data-page={page.number} data-part={page.part} aria-label={PART_LABELS[page.part](page.number)}>
      {page.rules.map((rule, i) => (
        <div
          key={`rule-${i}`}
          className={`export-rule${rule.red ? ' red' : ''}`}
          style={{ top: px(top + rule.top), left: px(left), width: px(textWidth), height: Math.max(1, px(rule.thickness)) }}
        />
      ))}
      {page.lines.map((line, i) => (
        <div
          key={i}
          className={`export-line${line.red ? ' red' : ''}`}
          style={{
            // Lines under a 版头 and in the 版头/版记 carry their own position; the others sit on the grid.
            top: px(top + (line.top ?? line.row * g.linePitch)),
            left: px(left + line.x),
            width: px(line.width),
            height: px(line.height ?? g.linePitch),
            lineHeight: `${px(line.height ?? g.linePitch)}px`,
            fontSize: px((line.size / 2) * 20),
            textAlign: line.align === 'justify' ? 'justify' : line.align,
            textAlignLast: line.align === 'justify' ? 'justify' : undefined,
          }}
        >
          {line.runs.map((run, k) => (
            <span key={k} style={{ fontFamily: family(preview.fonts, run.role), fontWeight: run.bold ? 700 : 400 }}>
              {run.text}
            </span>
          ))}
        </div>
      ))}
      {page.table && (
        <table
          className="export-table"
          style={{ top: px(top + page.table.top), left: px(left), width: px(textWidth), fontSize: px(12 * 20), fontFamily: family(preview.fonts, 'fang') }}
        >
          <colgroup>
            {page.table.columnWidths.map((w, i) => (
              <col key={i} style={{ width: px(w) }} />
            ))}
          </colgroup>
          <tbody>{tableRows(page.table, px)}</tbody>
        </table>
      )}
      {/* The blank page before the 版记 and the 版记 page carry no number (GB/T 9704 §7.5). */}
      {page.numbered && (
        <div
          className={`export-page-number${landscape ? ' rotated' : ''}`}
          style={
            landscape
              ? // rotated in the binding corner: lower-left on odd pages, upper-left on even ones (GB/T 9704 §8)
                { left: px(1247), fontSize: px(14 * 20), ...(odd ? { bottom: px(g.marginRight + 280) } : { top: px(top + 280) }) }
              : {
                  top: px(pageH - g.marginBottom + 600),
                  fontSize: px(14 * 20),
                  ...(odd ? { right: px(g.marginRight + 280) } : { left: px(g.marginLeft + 280) }),
                }
          }
        >
          — {page.number} —
        </div>
      )}
    </div>
  );
}

/**
 * Table rows of one page. A problem cell merged over rows that continue from the previous page is
 * drawn empty there, so the columns stay aligned.
 */
function tableRows(table: NonNullable<PreviewPage['table']>, px: (twips: number) => number) {
  const columns = table.columnWidths.length;
  const covered = new Array<number>(columns).fill(0);
  return table.rows.map((row, r) => {
    const cells = [];
    for (let c = 0; c < columns; c++) {
      if (covered[c]! > 0) {
        covered[c]!--;
        continue;
      }
      const cell = row.cells.find((x) => x.column === c);
      const span = cell ? Math.min(cell.rowSpan, table.rows.length - r) : 1;
      if (span > 1) covered[c] = span - 1;
      cells.push(
        <td key={c} rowSpan={span}>
          {cell?.text ?? ''}
        </td>,
      );
    }
    return (
      <tr key={r} style={{ height: px(row.height) }} className={row.header ? 'header' : undefined}>
        {cells}
      </tr>
    );
  });
}
