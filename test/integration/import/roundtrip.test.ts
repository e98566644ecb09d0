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
  nodes.map((n) => ({ marker: n.marker, heading: n.heading, measure: n.measure, children: shape(n.children) }));

describe('export → import round trip', () => {
  for (const file of ['synthetic-01-minzhu-shenghuohui-renda.txt', 'synthetic-03-zhutijiaoyu-jianshi.txt']) {
    it(file, async () => {
      services = await createServices({ dataDir: tempDir() });
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      const preview = await services.call('import.parseText', { text });
      const { planId } = await services.call('import.commit', { document: preview.document });
      const exported = await services.call('export.docx', { planId, settings: { ledger: false } });
      const back = await parsePlanBytes(Buffer.from(exported.dataBase64, 'base64'), exported.fileName);
      const before = toParseJson(preview.document, []);
      const after = toParseJson(back.document, []);
      expect(after.title).toBe(before.title);
      expect(shape(after.sections)).toEqual(shape(before.sections));
      expect(after.attachments).toEqual(before.attachments);
    });
  }
});
