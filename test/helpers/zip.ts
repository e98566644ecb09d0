import yauzl from 'yauzl';

export interface ZipReadOptions {
  /** Fail on a non-ASCII entry name whose UTF-8 flag (bit 11) is not set: Windows would garble it. */
  requireUtf8Names?: boolean;
}

function collect(zip: yauzl.ZipFile, options: ZipReadOptions): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    zip.on('entry', (entry: yauzl.Entry) => {
      if (options.requireUtf8Names && (entry.generalPurposeBitFlag & 0x800) === 0 && /[^\x20-\x7e]/.test(entry.fileName)) {
        reject(new Error(`not UTF-8 flagged: ${entry.fileName}`));
      }
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e ?? new Error(`unreadable entry ${entry.fileName}`));
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve(out));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Every file entry of a zip (a .docx, .xlsx or evidence package) in memory, by name. */
export function unzipBuffer(data: Buffer, options: ZipReadOptions = {}): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      collect(zip, options).then(resolve, reject);
    });
  });
}

export function unzipFile(file: string, options: ZipReadOptions = {}): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      collect(zip, options).then(resolve, reject);
    });
  });
}

/** The bytes of a yazl zip once it is ended (the services' own helper). */
export { zipToBuffer } from '../../electron/services/files/zip-buffer.ts';
