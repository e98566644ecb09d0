import yauzl from 'yauzl';
import yazl from 'yazl';

interface Entry {
  name: string;
  data: Buffer;
}

function readEntries(zip: Buffer): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('not a zip'));
      const entries: Entry[] = [];
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable zip entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** The same package with some XML parts rewritten; every other part and the order stay as they were. */
export async function rewriteZipEntries(zip: Buffer, rewrites: ReadonlyMap<string, (xml: string) => string>): Promise<Buffer> {
  const entries = await readEntries(zip);
  const out = new yazl.ZipFile();
  const fixed = new Date(1980, 0, 1);
  for (const e of entries) {
    const rewrite = rewrites.get(e.name);
    const data = rewrite ? Buffer.from(rewrite(e.data.toString('utf8')), 'utf8') : e.data;
    out.addBuffer(data, e.name, { mtime: fixed, compress: true });
  }
  out.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    out.outputStream.on('data', (c: Buffer) => chunks.push(c));
    out.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    out.outputStream.on('error', reject);
  });
}
