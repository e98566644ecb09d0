// Reading zip containers (.docx today; .xlsx and plan packages later) within limits a hostile file cannot
// talk its way past: the entry count and the declared sizes are checked from the central directory
// before anything is inflated, every entry's compression ratio is bounded, and the bytes actually
// inflated are counted as they arrive — a zip bomb fails at once with a Chinese message, never after
// the memory is gone. yauzl also refuses entries whose real size differs from the declared one.
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

function tooLarge(fileName: string, what: string): AppError {
  return new AppError('too_large', `“${fileName}”${what}，超出可读取的上限。${ADVICE}`);
}

export interface BoundedZipOptions {
  /** The file's name as the user knows it, for the messages */
  fileName: string;
  limits?: Partial<ZipLimits>;
}

/**
 * Reads the wanted entries of a zip held in memory. Rejects with AppError('too_large') beyond the limits
 * and AppError('corrupt_file') when the archive is damaged.
 */
export function readZipEntries(buffer: Buffer, wanted: (name: string) => boolean, options: BoundedZipOptions): Promise<Map<string, Buffer>> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const { fileName } = options;
  const corrupt = () => new AppError('corrupt_file', `“${fileName}”已损坏或不完整，无法解压读取。请用 Word 或 WPS 打开（必要时使用“打开并修复”）后另存为新文件再导入`);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(corrupt());
      let settled = false;
      const fail = (e: AppError) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(e);
      };
      const out = new Map<string, Buffer>();
      if (zip.entryCount > limits.maxEntries) return fail(tooLarge(fileName, `包含 ${zip.entryCount} 个内部文件（上限 ${limits.maxEntries} 个）`));
      let entries = 0;
      let declaredTotal = 0;
      zip.on('error', () => fail(corrupt()));
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve(out);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        entries++;
        declaredTotal += entry.uncompressedSize;
        if (entries > limits.maxEntries) return fail(tooLarge(fileName, `包含超过 ${limits.maxEntries} 个内部文件`));
        if (declaredTotal > limits.maxTotalBytes) return fail(tooLarge(fileName, `解压后超过 ${mb(limits.maxTotalBytes)}`));
        if (entry.uncompressedSize > MB && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
          return fail(tooLarge(fileName, `中的“${entry.fileName}”压缩比异常（${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))} 倍）`));
        }
        if (!wanted(entry.fileName) || entry.fileName.endsWith('/')) return zip.readEntry();
        if (entry.uncompressedSize > limits.maxEntryBytes) return fail(tooLarge(fileName, `中的“${entry.fileName}”解压后超过 ${mb(limits.maxEntryBytes)}`));
        zip.openReadStream(entry, (e, stream) => {
          if (settled) return;
          if (e || !stream) return fail(corrupt());
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (c: Buffer) => {
            size += c.length;
            // Declared sizes are checked above; this guards what is really inflated.
            if (size > Math.min(limits.maxEntryBytes, entry.uncompressedSize)) {
              stream.destroy();
              fail(tooLarge(fileName, `中的“${entry.fileName}”实际解压大小超过声明`));
              return;
            }
            chunks.push(c);
          });
          stream.on('error', () => fail(corrupt()));
          stream.on('end', () => {
            if (settled) return;
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
