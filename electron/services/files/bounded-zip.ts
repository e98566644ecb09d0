// Reading zip containers (.docx, returned .xlsx forms, .rectify plan packages) within limits a hostile file
// cannot talk its way past: the entry count and the declared sizes are checked from the central directory
// before anything is inflated, every entry's compression ratio is bounded, and the bytes actually
// inflated are counted as they arrive — a zip bomb fails at once with a Chinese message, never after
// the memory is gone. yauzl also refuses entries whose real size differs from the declared one.
import { Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../../shared/errors.ts';

export interface ZipLimits {
  /** Entries in the archive */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes of all entries */
  maxTotalBytes: number;
  /** Uncompressed size of one entry that is read */
  maxEntryBytes: number;
  /** Uncompressed/compressed for entries above 1 MB (XML deflates 10–30×; bombs 1000×) */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 100 * 1024 * 1024,
  maxRatio: 200,
};

const MB = 1024 * 1024;
const mb = (n: number) => `${Math.round(n / MB)} MB`;
const ADVICE = '文件可能已损坏，或是被特意构造的异常文件。请用 Word 或 WPS 打开后另存为新文件再导入';
const REPAIR = '请用 Word 或 WPS 打开（必要时使用“打开并修复”）后另存为新文件再导入';

export interface BoundedZipOptions {
  /** The file's name as the user knows it, for the messages */
  fileName: string;
  limits?: Partial<ZipLimits>;
  /** What the user can do about a damaged or oversized file (default: open it in Word or WPS and save it again) */
  advice?: { tooLarge?: string; corrupt?: string };
}

/** A zip in memory, or a file on disk read piecewise (a plan package may hold gigabytes of evidence). */
export type ZipSource = Buffer | { path: string };

export interface ZipEntryInfo {
  name: string;
  /** declared uncompressed size (the stream never yields more) */
  size: number;
}

function openZip(source: ZipSource, callback: (err: Error | null, zip?: yauzl.ZipFile) => void): void {
  const options = { lazyEntries: true, validateEntrySizes: true, strictFileNames: false };
  if (Buffer.isBuffer(source)) yauzl.fromBuffer(source, options, callback);
  else yauzl.open(source.path, { ...options, autoClose: true }, callback);
}

/**
 * Streams the wanted entries of a zip, one at a time and in archive order, to `consume`, which must read
 * the stream to its end. The stream errors (and the whole call rejects) with AppError('too_large') when an
 * entry inflates beyond the limits; the call rejects with AppError('corrupt_file') when the archive is
 * damaged, and with whatever `consume` rejects with.
 */
export function forEachZipEntry(
  source: ZipSource,
  wanted: (name: string) => boolean,
  consume: (entry: ZipEntryInfo, stream: Readable) => Promise<void>,
  options: BoundedZipOptions,
): Promise<void> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const { fileName } = options;
  const corrupt = () => new AppError('corrupt_file', `“${fileName}”已损坏或不完整，无法解压读取。${options.advice?.corrupt ?? REPAIR}`);
  const tooLarge = (what: string) => new AppError('too_large', `“${fileName}”${what}，超出可读取的上限。${options.advice?.tooLarge ?? ADVICE}`);
  return new Promise((resolve, reject) => {
    openZip(source, (err, zip) => {
      if (err || !zip) {
        const code = (err as { code?: string } | null)?.code;
        if (code === 'ENOENT') return reject(new AppError('not_found', `找不到文件“${fileName}”：它可能已被移动、改名或删除`));
        if (code === 'EACCES' || code === 'EPERM') return reject(new AppError('io', `没有权限读取文件“${fileName}”`));
        return reject(corrupt());
      }
      let settled = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(e instanceof AppError ? e : corrupt());
      };
      if (zip.entryCount > limits.maxEntries) return fail(tooLarge(`包含 ${zip.entryCount} 个内部文件（上限 ${limits.maxEntries} 个）`));
      let entries = 0;
      let declaredTotal = 0;
      zip.on('error', () => fail(corrupt()));
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        entries++;
        declaredTotal += entry.uncompressedSize;
        if (entries > limits.maxEntries) return fail(tooLarge(`包含超过 ${limits.maxEntries} 个内部文件`));
        if (declaredTotal > limits.maxTotalBytes) return fail(tooLarge(`解压后超过 ${mb(limits.maxTotalBytes)}`));
        if (entry.uncompressedSize > MB && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
          return fail(tooLarge(`中的“${entry.fileName}”压缩比异常（${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} 倍）`));
        }
        if (!wanted(entry.fileName) || entry.fileName.endsWith('/')) return zip.readEntry();
        if (entry.uncompressedSize > limits.maxEntryBytes) return fail(tooLarge(`中的“${entry.fileName}”解压后超过 ${mb(limits.maxEntryBytes)}`));
        zip.openReadStream(entry, (e, stream) => {
          if (settled) return;
          if (e || !stream) return fail(corrupt());
          let size = 0;
          const cap = Math.min(limits.maxEntryBytes, entry.uncompressedSize);
          // Declared sizes are checked above; this guards what is really inflated.
          const counted = new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              size += chunk.length;
              if (size > cap) callback(tooLarge(`中的“${entry.fileName}”实际解压大小超过声明`));
              else callback(null, chunk);
            },
          });
          stream.on('error', () => counted.destroy(corrupt()));
          counted.on('error', () => stream.destroy());
          stream.pipe(counted);
          consume({ name: entry.fileName, size: entry.uncompressedSize }, counted).then(
            () => {
              if (settled) return;
              if (!counted.readableEnded) {
                counted.destroy();
                return fail(corrupt());
              }
              zip.readEntry();
            },
            (consumeErr: unknown) => {
              stream.destroy();
              fail(consumeErr);
            },
          );
        });
      });
      zip.readEntry();
    });
  });
}

/** A stream's bytes in memory (the stream is bounded by forEachZipEntry). */
export async function streamBytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads the wanted entries of a zip held in memory. Rejects with AppError('too_large') beyond the limits
 * and AppError('corrupt_file') when the archive is damaged.
 */
export async function readZipEntries(buffer: Buffer, wanted: (name: string) => boolean, options: BoundedZipOptions): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  await forEachZipEntry(buffer, wanted, async (entry, stream) => void out.set(entry.name, await streamBytes(stream)), options);
  return out;
}
