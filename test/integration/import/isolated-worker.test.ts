// Issue 9 item 6 / the import brief: reading and recognising runs in a worker thread with a memory and a
// time limit. A hostile file fails only that task, with a Chinese AppError; the calling process keeps
// serving — its services answer and the next file imports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { parsePlanBytesIsolated } from '../../../electron/services/import/isolated.ts';
import { parseWorkerEntry } from '../../../electron/services/import/worker-entry.ts';
import { AppError } from '../../../shared/errors.ts';
import { hugeNumberingStartDocx, oversizedText } from '../../helpers/hostile-files.ts';
import { rejectionOf as failure } from '../../helpers/rejection.ts';
import { tempDir } from '../../helpers/temp.ts';

const FIXTURE = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/synthetic-01-minzhu-shenghuohui-renda.txt'));


describe('import worker', () => {
  it('runs from the sources (the entry exists)', () => {
    expect(parseWorkerEntry()).not.toBeNull();
  });

  it('returns the same plan as reading in the calling thread', async () => {
    const parsed = await parsePlanBytesIsolated(FIXTURE, 'plan.txt');
    expect(parsed.document.title).toContain('民主生活会');
    expect(parsed.counts.measures).toBeGreaterThan(0);
  });

  it('a worker that runs out of memory fails that file only, with a Chinese message', async () => {
    // A legal 19 MB text under a 16 MB heap: the worker dies, the test process does not.
    const err = await failure(parsePlanBytesIsolated(oversizedText(19 * 1024 * 1024), '大文件.txt', {}, { memoryMb: 16, timeMs: 60_000 }));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('too_large');
    expect(err.message).toMatch(/^“大文件\.txt”读取时超出内存上限/);
    expect((await parsePlanBytesIsolated(FIXTURE, 'plan.txt')).document.sections.length).toBeGreaterThan(0);
  });

  it('a worker that overruns its time is stopped, with a Chinese message', async () => {
    const err = await failure(parsePlanBytesIsolated(oversizedText(10 * 1024 * 1024), '慢文件.txt', {}, { memoryMb: 768, timeMs: 1 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toMatch(/识别超过 0 秒仍未完成|识别超过 \d+ 秒仍未完成/);
  });

  it('import.parseFile refuses a hostile file while the same services keep serving', async () => {
    const services = await createServices({ dataDir: tempDir() });
    try {
      const hostile = (await hugeNumberingStartDocx()).toString('base64');
      const [bad, list, good] = await Promise.allSettled([
        services.call('import.parseFile', { fileName: '异常.docx', dataBase64: hostile }),
        services.call('plans.list', {}),
        services.call('import.parseFile', { fileName: 'plan.txt', dataBase64: FIXTURE.toString('base64') }),
      ]);
      expect(bad.status).toBe('rejected');
      const reason = (bad as PromiseRejectedResult).reason as AppError;
      expect(reason.code).toBe('too_large');
      expect(reason.message).toMatch(/“异常\.docx”的自动编号数值异常/);
      expect(list.status).toBe('fulfilled');
      expect(good.status).toBe('fulfilled');
    } finally {
      services.close();
    }
  });
});
