// Importing an exported .docx gives back the same outline and measure fields (issue 3 "In the app").
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { parsePlanBytes } from '../../../electron/services/import/index.ts';
import { toParseJson, type ParseNodeJson } from '../../../shared/importer/project.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

const shape = (nodes: ParseNodeJson[]): unknown =>
  nodes.map((n) => ({ marker: n.marker, heading: n.heading, body: n.body, measure: n.measure, children: shape(n.children) }));

describe('export → import round trip (the default export: ledger appendix on)', () => {
  // 07 ends with its own 署名 and 成文日期, which must come back from before the appendix.
  for (const file of ['synthetic-01-minzhu-shenghuohui-renda.txt', 'synthetic-03-zhutijiaoyu-jianshi.txt', 'synthetic-07-kaohe-fankui-zhenggai.txt']) {
    it(file, async () => {
      services = await createServices({ dataDir: tempDir() });
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const preview = await services.call('import.parseText', { text });
      const { planId } = await services.call('import.commit', { document: preview.document });
      const exported = await services.call('export.docx', { planId });
      const back = await parsePlanBytes(Buffer.from(exported.dataBase64, 'base64'), exported.fileName);
      expect(back.warnings.some((w) => w.includes(`${preview.counts.measures}行与正文的整改措施逐条对应`))).toBe(true);
      const before = toParseJson(preview.document, []);
      const after = toParseJson(back.document, []);
      expect(after.title).toBe(before.title);
      expect(after.preamble).toEqual(before.preamble);
      expect(shape(after.sections)).toEqual(shape(before.sections));
      expect(after.attachments).toEqual(before.attachments);
      expect([after.issuer, after.date]).toEqual([before.issuer, before.date]);
      expect(back.document.problems).toEqual(preview.document.problems);
    });
  }

  it('without the responsibility lines in the body, the measure fields come back from the ledger appendix', async () => {
    services = await createServices({ dataDir: tempDir() });
    const text = readFileSync(path.join(FIXTURES, 'synthetic-01-minzhu-shenghuohui-renda.txt'), 'utf8');
    const preview = await services.call('import.parseText', { text });
    const { planId } = await services.call('import.commit', { document: preview.document });
    const exported = await services.call('export.docx', { planId, settings: { responsibilityLine: false } });
    const back = await parsePlanBytes(Buffer.from(exported.dataBase64, 'base64'), exported.fileName);
    expect(shape(toParseJson(back.document, []).sections)).toEqual(shape(toParseJson(preview.document, []).sections));
    expect(back.warnings.some((w) => w.includes('据台账补充了正文缺少的字段') && w.includes('第6项'))).toBe(true);
  });
});
