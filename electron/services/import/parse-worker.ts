// The import worker: reads and recognises one file off the calling thread, so a hostile file can exhaust
// only this worker's memory or time (see isolated.ts), never the window or the CLI process.
import { parentPort, workerData } from 'node:worker_threads';
import { toWireError } from '../../../shared/errors.ts';
import { parsePlanBytes, type ParseOptions } from './index.ts';

export interface ParseJob {
  bytes: Uint8Array;
  fileName: string;
  options: ParseOptions;
}

const job = workerData as ParseJob;
try {
  const result = await parsePlanBytes(job.bytes, job.fileName, job.options);
  parentPort!.postMessage({ ok: true, result });
} catch (err) {
  parentPort!.postMessage({ ok: false, error: toWireError(err) });
}
