// The same plan as UTF-8, GB18030, UTF-16 with BOM, CRLF, .docx and .doc (made by LibreOffice) gives the
// same structure (issue 3 "Done when").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlanBytes, parsePlanFile } from '../../../electron/services/import/index.ts';
import { toParseJson, type ParseJson } from '../../../shared/importer/project.ts';
import { tempDir } from '../../helpers/temp.ts';
import { convertWithLibreOffice, textToHtml, write } from './helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const PLAN = 'synthetic-01-minzhu-shenghuohui-renda.txt';
const LEDGER = 'synthetic-05-zuzhishenghuohui-qingdan.txt';
const text = readFileSync(path.join(FIXTURES, PLAN), 'utf8');
const json = async (bytes: Uint8Array, name: string, encoding?: string): Promise<ParseJson> => {
  const p = await parsePlanBytes(bytes, name, encoding ? { encoding } : {});
  return toParseJson(p.document, p.warnings);
};

describe('one plan in every text encoding', () => {
  let reference: ParseJson;
  beforeAll(async () => {
    reference = await json(Buffer.from(text, 'utf8'), 'plan.txt');
    expect(reference.sections).toHaveLength(4);
  });
  const variants: Array<[string, () => Buffer, string]> = [
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), 'utf-8'],
    ['GB18030 (Notepad on Chinese Windows)', () => iconv.encode(text, 'gb18030'), 'gb18030'],
    ['UTF-16 LE with BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), 'utf-16le'],
    ['UTF-16 BE with BOM', () => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), 'utf-16be'],
    ['CRLF line ends', () => Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8'), 'utf-8'],
    ['CR line ends, GB18030', () => iconv.encode(text.replace(/\n/g, '\r'), 'gb18030'), 'gb18030'],
  ];
  for (const [label, make, encoding] of variants) {
    it(label, async () => {
      const parsed = await parsePlanBytes(make(), 'plan.txt');
      expect(parsed.encoding).toBe(encoding);
      expect(toParseJson(parsed.document, parsed.warnings)).toEqual(reference);
    });
  }
  it('decodes with the encoding the user picks, and auto-detection would have picked GB18030', async () => {
    const gbk = iconv.encode(text, 'gbk');
    expect(await json(gbk, 'plan.txt', 'gbk')).toEqual(reference);
    expect(await json(gbk, 'plan.txt')).toEqual(reference);
    // Picking the wrong encoding shows mojibake rather than failing silently into a different plan.
    const wrong = await parsePlanBytes(gbk, 'plan.txt', { encoding: 'big5' });
    expect(wrong.document.title).not.toBe(reference.title);
  });
});

describe('one plan as Word files made by LibreOffice', () => {
  it('.docx and .doc from the text give the same structure as the text', async () => {
    const dir = tempDir();
    const src = write(path.join(dir, 'plan.txt'), text);
    const reference = await json(Buffer.from(text, 'utf8'), 'plan.txt');
    const docx = convertWithLibreOffice(src, 'docx', dir);
    expect(await json(docx, 'plan.docx')).toEqual(reference);
    const doc = convertWithLibreOffice(src, 'doc', dir);
    expect(await json(doc, 'plan.doc')).toEqual(reference);
    const fromDisk = await parsePlanFile(path.join(dir, 'plan.docx'));
    expect(fromDisk.encoding).toBe('docx');
  });

  it('a ledger table in .docx and .doc gives the same measures as the tab-separated text', async () => {
    const ledger = readFileSync(path.join(FIXTURES, LEDGER), 'utf8');
    const reference = await json(Buffer.from(ledger, 'utf8'), 'ledger.txt');
    const dir = tempDir();
    const html = write(path.join(dir, 'ledger.html'), textToHtml(ledger));
    const docx = await json(convertWithLibreOffice(html, 'docx', dir), 'ledger.docx');
    expect(docx).toEqual(reference);
    const doc = await json(convertWithLibreOffice(html, 'doc', dir), 'ledger.doc');
    expect(doc).toEqual(reference);
  });
});
