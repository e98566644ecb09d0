// The import.* contract through the service layer: preview (nothing stored) and commit (one transaction).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/index.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

describe('import service', () => {
  it('previews a GB18030 file with its encoding, kind and source, stores nothing, then commits it', async () => {
    services = await createServices({ dataDir: tempDir() });
    const text = readFileSync(path.join(FIXTURES, 'synthetic-07-kaohe-fankui-zhenggai.txt'), 'utf8');
    const preview = await services.call('import.parseFile', {
      fileName: '考核整改.txt',
      dataBase64: iconv.encode(text, 'gb18030').toString('base64'),
    });
    expect(preview.encoding).toBe('gb18030');
    expect(preview.fileKind).toBe('text');
    expect(preview.detectedKind).toBe('kaohe-ducha');
    expect(preview.detectedKindLabel).toBe('督查考核反馈整改');
    expect(preview.sourceText).toBe(text);
    expect(preview.counts.measures).toBe(5);
    expect(await services.call('plans.list', {})).toEqual([]);

    const { planId } = await services.call('import.commit', { document: preview.document });
    const stored = await services.call('plans.document', { id: planId });
    expect(stored.title).toBe(preview.document.title);
    expect(stored.addressee).toBe('市直机关工委');
    expect(stored.issuer).toBe('XX市人大常委会机关党组');
    const items = stored.sections[0]!.children;
    expect(items.map((n) => n.measure?.person ?? null)).toEqual(['副秘书长 马某', '机关党委专职副书记 韩某', '组织干事 杨某', null, null]);
    expect(items[1]!.measure).toMatchObject({ deadline: '2026年第一季度', deadlineKind: 'date', deadlineDate: '2026-03-31' });
    const summary = (await services.call('plans.list', {}))[0]!;
    expect(summary.measureCount).toBe(5);
  });

  it('re-reads a file with the encoding the user picked', async () => {
    services = await createServices({ dataDir: tempDir() });
    const bytes = iconv.encode('關於整改的方案\n一、總體要求\n堅持問題導向。\n', 'big5');
    const auto = await services.call('import.parseFile', { fileName: 'a.txt', dataBase64: bytes.toString('base64') });
    const big5 = await services.call('import.parseFile', { fileName: 'a.txt', dataBase64: bytes.toString('base64'), encoding: 'big5' });
    expect(big5.encoding).toBe('big5');
    expect(big5.document.title).toBe('關於整改的方案');
    expect(auto.document.title).not.toBe('關於整改的方案');
  });

  it('parses pasted text and refuses files it cannot read with a Chinese message', async () => {
    services = await createServices({ dataDir: tempDir() });
    const pasted = await services.call('import.parseText', { text: '关于整改的方案\r\n一、总体要求\r\n1、压实责任,抓好落实。\r\n' });
    expect(pasted.document.sections[0]!.children[0]!.heading).toBe('压实责任，抓好落实');
    expect(pasted.punctuationChanges).toBe(2);
    await expect(services.call('import.parseText', { text: '   ' })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(
      services.call('import.parseFile', { fileName: 'x.pdf', dataBase64: Buffer.from('%PDF-1.5 ...').toString('base64') }),
    ).rejects.toMatchObject({ code: 'unsupported_file', message: expect.stringContaining('PDF') });
    expect(await services.call('plans.list', {})).toEqual([]);
  });
});
