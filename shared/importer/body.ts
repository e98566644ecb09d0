// The body, line by line. Each line goes to the first reader that takes it, in an order that matters:
// table rows before anything else (a cell may look like a heading), the 附件说明 before headings (its
// items are numbered), closing lines before responsibility lines (说明：… is both), and a plain
// paragraph last.
import { readAttachmentNote, readClosing } from './back-matter.ts';
import { readLenticular, readResponsibilityLine } from './field-lines.ts';
import { readInferredHeading, readNumbered, readUnnumberedHeading } from './headings.ts';
import { addParagraph } from './paragraphs.ts';
import type { PlanBuilder } from './plan-builder.ts';
import { closeTableUnlessSection, readTableLine } from './table-rows.ts';
import type { SourceLine } from './types.ts';

export function readBody(b: PlanBuilder, lines: readonly SourceLine[], from: number, end: number): void {
  for (let i = from; i < end; i++) {
    const line = lines[i]!;
    let text = line.text;
    if (line.cells) {
      if (readTableLine(b, line.text, line.cells)) continue;
      text = line.cells.join('\t');
    } else if (b.table) closeTableUnlessSection(b, text);

    if (readAttachmentNote(b, text, line.cells !== undefined, i === end - 1)) continue;
    if (readClosing(b, text, i > end - 4)) continue;
    if (text.startsWith('【') && readLenticular(b, text)) continue;
    if (readResponsibilityLine(b, text)) continue;
    if (readNumbered(b, text)) continue;
    if (!line.cells && readInferredHeading(b, i, text)) continue;
    if (readUnnumberedHeading(b, line, lines[i + 1], i + 1 < end)) continue;
    addParagraph(b, text);
  }
}
