// Reading and recognising a file in a worker thread with a memory and a time limit (issue 9 item 6). A
// hostile file — a zip bomb, a numbering loop, a nesting the stack cannot hold — fails that one task
// with a Chinese AppError; the calling process (the desktop app's main process, the web host, the CLI)
// carries on.
import { Worker } from 'node:worker_threads';
import { AppError, fromWireError, type WireError } from '../../../shared/errors.ts';
import { parsePlanBytes, type ParsedPlanFile, type ParseOptions } from './index.ts';
import type { ParseJob } from './parse-worker.ts';
import { parseWorkerEntry } from './worker-entry.ts';

export interface WorkerLimits {
  /** The worker's JavaScript heap */
  memoryMb: number;
  /** Wall-clock time for reading and recognising one file */
  timeMs: number;
}

export const DEFAULT_WORKER_LIMITS: WorkerLimits = { memoryMb: 768, timeMs: 60_000 };

type Reply = { ok: true; result: ParsedPlanFile } | { ok: false; error: WireError };

function failed(fileName: string, why: string): AppError {
  return new AppError('too_large', `“${fileName}”${why}，已停止读取。文件可能过大、已损坏或是被特意构造的异常文件；如确为方案，请用 Word 或 WPS 打开后另存为新文件，或拆分后再导入`);
}

/** parsePlanBytes in a worker thread; the same result, or an AppError when the worker fails or overruns. */
export function parsePlanBytesIsolated(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions = {},
  limits: WorkerLimits = DEFAULT_WORKER_LIMITS,
): Promise<ParsedPlanFile> {
  const entry = parseWorkerEntry();
  if (!entry) return parsePlanBytes(bytes, fileName, options);
  // The worker gets its own copy of the bytes, moved rather than cloned.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const job: ParseJob = { bytes: copy, fileName, options };
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: job,
      transferList: [copy.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      // Sources without Node's own type stripping load through tsx, as bin/rectify.mjs does; a bundle
      // (the packaged app, which ships no tsx) needs nothing.
      execArgv: entry.pathname.endsWith('.ts') && !process.features.typescript ? ['--import', 'tsx/esm'] : [],
      stdout: true,
      stderr: true,
    });
    // A library's console output must not mix into the CLI's JSON: read and discard it.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(failed(fileName, `识别超过 ${Math.round(limits.timeMs / 1000)} 秒仍未完成`))), limits.timeMs);
    worker.on('message', (reply: Reply) => settle(() => (reply.ok ? resolve(reply.result) : reject(fromWireError(reply.error)))));
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(failed(fileName, `读取时超出内存上限（${limits.memoryMb} MB）`));
        else if (err instanceof RangeError) reject(failed(fileName, '的结构过于复杂（嵌套过深）'));
        else reject(new AppError('corrupt_file', `“${fileName}”读取失败：文件可能已损坏。请用 Word 或 WPS 打开后另存为新文件再导入`));
      }),
    );
    worker.on('exit', () => settle(() => reject(failed(fileName, '读取中途中止'))));
  });
}
