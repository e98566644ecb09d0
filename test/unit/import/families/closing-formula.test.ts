// Family 5 of issue 13: 特此报告。/ 特此通报。/ 以上报告，请审议。 after the last section and before the
// 落款 is the closing formula of the whole document — not a section, not the last measure's text.
import { describe, expect, it } from 'vitest';
import { isClosingFormula } from '../../../../shared/importer/closing-formula.ts';
import { CLOSINGS } from '../family-texts.ts';
import { parse } from './parse.ts';

describe('closing formula (family 5)', () => {
  it.each(CLOSINGS.map((c) => [c.name, c.text]))('%s closes the document, the 落款 and date follow', (_name, text) => {
    const { json, document, notes } = parse(text);
    const formula = text.split('\n').find((l) => isClosingFormula(l))!;
    expect(json.closing).toEqual([formula]);
    // No section with an empty heading, and the formula in no section's text.
    expect(json.sections.every((s) => s.heading !== '' && s.marker !== '')).toBe(true);
    expect(JSON.stringify(json.sections)).not.toContain(formula);
    expect(json.issuer).not.toBeNull();
    expect(json.date).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    // The document keeps it as its closing paragraph, so the export prints it before the 落款.
    expect(document.sections[document.sections.length - 1]).toMatchObject({ kind: 'paragraph', heading: '', body: [formula] });
    expect(notes.find((n) => n.kind === 'closing')!.line).toBe(formula);
  });

  it.each(['特此通知。', '特此报告', '以上报告，请审议。', '妥否，请批示。', '此复。'])('%s is a closing formula', (line) => {
    expect(isClosingFormula(line)).toBe(true);
  });

  it('is not fooled by a sentence that starts like one', () => {
    expect(isClosingFormula('特别是要加强督促检查。')).toBe(false);
    expect(isClosingFormula('同志们，作风建设永远在路上。')).toBe(false);
  });
});
