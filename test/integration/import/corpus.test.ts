// Issue 13's corpus test: every fixture, and every text written for the nine families, read as UTF-8,
// GB18030, UTF-16 with BOM, CRLF, .docx and .doc (made here by LibreOffice, one run per format with its
// own profile) gives the same structure — title, sections, fields, notice, closing — from every variant.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanBytes } from '../../../electron/services/import/index.ts';
import { toParseJson, type ParseJson } from '../../../shared/importer/project.ts';
import { ALL_FAMILY_TEXTS } from '../../unit/import/family-texts.ts';
import { tempDir } from '../../helpers/temp.ts';
import { convertAllWithLibreOffice, textToHtml, write } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const corpus: Array<{ name: string; text: string }> = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: f, text: readFileSync(path.join(FIXTURES, f), 'utf8') })),
  ...ALL_FAMILY_TEXTS.map((f, k) => ({ name: `family-${String(k + 1).padStart(2, '0')}（${f.name}）`, text: f.text })),
];

/** The structure compared across variants: warnings aside (a Word file has no hard wraps to report). */
async function structure(bytes: Uint8Array, fileName: string): Promise<Omit<ParseJson, 'warnings'>> {
  const parsed = await parsePlanBytes(bytes, fileName);
  const { warnings: _warnings, ...rest } = toParseJson(parsed.document, parsed.warnings);
  return rest;
}

const TEXT_VARIANTS: Array<[string, (text: string) => Buffer]> = [
  ['GB18030', (t) => iconv.encode(t, 'gb18030')],
  ['UTF-16 LE with BOM', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, 'utf-16le')])],
  ['UTF-16 BE with BOM', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, 'utf-16be')])],
  ['CRLF', (t) => Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8')],
];

describe('corpus: the same structure from every encoding and Word format', () => {
  const reference = new Map<string, Omit<ParseJson, 'warnings'>>();
  const word = new Map<string, { docx: Buffer; doc: Buffer }>();

  beforeAll(async () => {
    for (const { name, text } of corpus) reference.set(name, await structure(Buffer.from(text, 'utf8'), 'plan.txt'));
    // Word files as a user has them: paragraphs, and the tab-separated rows as real Word tables.
    const dir = tempDir();
    const sources = corpus.map(({ text }, k) => write(path.join(dir, `plan-${k}.html`), textToHtml(text)));
    const docx = convertAllWithLibreOffice(sources, 'docx', dir);
    const doc = convertAllWithLibreOffice(sources, 'doc', dir);
    corpus.forEach(({ name }, k) => word.set(name, { docx: readFileSync(docx[k]!), doc: readFileSync(doc[k]!) }));
  }, 300_000);

  for (const { name, text } of corpus) {
    describe(name, () => {
      it('has a title and an outline to compare', () => {
        const ref = reference.get(name)!;
        expect(ref.title).not.toBe('');
        expect(ref.sections.length).toBeGreaterThan(0);
      });
      for (const [label, encode] of TEXT_VARIANTS) {
        it(label, async () => {
          expect(await structure(encode(text), 'plan.txt')).toEqual(reference.get(name));
        });
      }
      it('.docx (LibreOffice)', async () => {
        expect(await structure(word.get(name)!.docx, 'plan.docx')).toEqual(reference.get(name));
      });
      it('.doc (LibreOffice)', async () => {
        expect(await structure(word.get(name)!.doc, 'plan.doc')).toEqual(reference.get(name));
      });
    });
  }
});
