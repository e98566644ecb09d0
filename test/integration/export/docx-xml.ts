import { unzipBuffer } from '../../helpers/zip.ts';

/** Every XML part of a .docx as text, by path. */
export async function readDocxParts(data: Buffer): Promise<Map<string, string>> {
  const entries = await unzipBuffer(data);
  return new Map([...entries].map(([name, bytes]) => [name, bytes.toString('utf8')]));
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

/** The style definition with this id in styles.xml. */
export function styleXml(styles: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`).exec(styles);
  if (!m) throw new Error(`no style ${id}`);
  return m[0];
}

/**
 * The East Asian font a run prints in, resolved as Word does for these documents: the run's own
 * w:rFonts, else its paragraph style's (and that style's base), else the document defaults.
 */
export function effectiveEastAsia(run: string, paragraphXml: string, styles: string): string | null {
  const own = attr(run, 'w:rFonts', 'w:eastAsia');
  if (own) return own;
  let styleId = attr(paragraphXml, 'w:pStyle', 'w:val') ?? 'Normal';
  for (let guard = 0; guard < 5 && styleId; guard++) {
    const style = styleXml(styles, styleId);
    const font = attr(style, 'w:rFonts', 'w:eastAsia');
    if (font) return font;
    styleId = attr(style, 'w:basedOn', 'w:val') ?? '';
  }
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
  return attr(defaults, 'w:rFonts', 'w:eastAsia');
}
