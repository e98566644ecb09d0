import yauzl from 'yauzl';

/** Every XML part of a .docx as text, by path. */
export function readDocxParts(data: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const parts = new Map<string, string>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(parts));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

export interface XmlParagraph {
  xml: string;
  text: string;
}

/** Top-level paragraphs of a part, with their text (table paragraphs included, in order). */
export function paragraphs(xml: string): XmlParagraph[] {
  return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const inner = m[0];
    const text = [...inner.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    return { xml: inner, text };
  });
}

export function attr(xml: string, element: string, name: string): string | null {
  const m = new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml);
  return m ? m[1]! : null;
}

/** The run properties of the run holding `text` in a paragraph. */
export function runWith(p: XmlParagraph, text: string): string {
  const runs = [...p.xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!);
  const run = runs.find((r) => r.includes(`>${text}<`) || r.includes(text));
  if (!run) throw new Error(`no run with “${text}” in ${p.text}`);
  return run;
}
