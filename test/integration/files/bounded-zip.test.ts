// The one bounded zip reader (electron/services/files/bounded-zip.ts) that .docx import uses today and
// .xlsx / plan-package readers will use with their own limits.
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { readZipEntries } from '../../../electron/services/files/bounded-zip.ts';
import { rejectionOf as refusal } from '../../helpers/rejection.ts';
import { zipToBuffer } from '../../helpers/zip.ts';

function zipOf(parts: Record<string, Buffer>): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, data] of Object.entries(parts)) z.addBuffer(data, name, { compressionLevel: 9 });
  return zipToBuffer(z);
}

describe('bounded zip reading', () => {
  it('reads the wanted entries only', async () => {
    const zip = await zipOf({ 'a.xml': Buffer.from('<a>甲</a>'), 'b.xml': Buffer.from('<b/>') });
    const got = await readZipEntries(zip, (n) => n === 'a.xml', { fileName: '台账.xlsx' });
    expect([...got.keys()]).toEqual(['a.xml']);
    expect(got.get('a.xml')!.toString('utf8')).toBe('<a>甲</a>');
  });

  it('applies the caller’s limits: entries, total size, one entry’s size, ratio', async () => {
    const zip = await zipOf({ 'a.xml': Buffer.alloc(2 * 1024 * 1024, 0x20), 'b.xml': Buffer.from('<b/>'), 'c.xml': Buffer.from('<c/>') });
    const read = (limits: Parameters<typeof readZipEntries>[2]['limits']) => refusal(readZipEntries(zip, () => true, { fileName: '包.zip', limits }));
    expect((await read({ maxEntries: 2 })).message).toMatch(/^“包\.zip”包含 3 个内部文件（上限 2 个）/);
    expect((await read({ maxTotalBytes: 1024 * 1024 })).message).toMatch(/解压后超过 1 MB/);
    expect((await read({ maxEntryBytes: 1024 * 1024, maxRatio: 1e9 })).message).toMatch(/“a\.xml”解压后超过 1 MB/);
    const ratio = await read({});
    expect(ratio.code).toBe('too_large');
    expect(ratio.message).toMatch(/压缩比异常/);
  });

  it('calls a damaged archive damaged', async () => {
    const zip = await zipOf({ 'a.xml': Buffer.from('<a/>') });
    const err = await refusal(readZipEntries(zip.subarray(0, zip.length - 10), () => true, { fileName: '坏.docx' }));
    expect(err.code).toBe('corrupt_file');
    expect(err.message).toMatch(/^“坏\.docx”已损坏或不完整/);
  });
});
