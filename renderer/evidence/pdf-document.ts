import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type PDFPageProxy, type RenderTask } from 'pdfjs-dist';
// The worker is bundled by Vite from node_modules and served by the app itself: no CDN, works air-gapped,
// and a same-origin worker needs nothing beyond script-src 'self' in the CSP.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
// JPEG 2000 and JBIG2 images (the usual content of scanned PDFs) are decoded by pdf.js' plain-JS fallback
// decoders, since WebAssembly is off (below). The worker imports `${wasmUrl}<fixed file name>`, so the build
// keeps these two files' names in one folder (vite.config.ts); here they only tell us where that folder is.
import openjpegFallbackUrl from 'pdfjs-dist/wasm/openjpeg_nowasm_fallback.js?url';
import jbig2FallbackUrl from 'pdfjs-dist/wasm/jbig2_nowasm_fallback.js?url';

/**
 * pdf.js behind one small API for the preview dialog. Loaded lazily (dynamic import) so the app's main
 * bundle does not carry pdf.js until someone previews a PDF.
 */

GlobalWorkerOptions.workerSrc = workerUrl;

// The predefined CMaps (PDFs whose CJK fonts are not embedded, e.g. UniGB-UCS2-H) and the standard
// 14 font programs, bundled as hashed assets. pdf.js asks for them by file name; the factory below maps
// names to the bundled URLs, so nothing is ever requested from the network.
const CMAPS = import.meta.glob<string>('../../node_modules/pdfjs-dist/cmaps/*.bcmap', { query: '?url', import: 'default', eager: true });
const STANDARD_FONTS = import.meta.glob<string>('../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}', {
  query: '?url',
  import: 'default',
  eager: true,
});

function byFileName(urls: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(urls).map(([file, url]) => [file.slice(file.lastIndexOf('/') + 1), url]));
}

const BUNDLED: Record<string, Map<string, string>> = {
  cMapUrl: byFileName(CMAPS),
  standardFontDataUrl: byFileName(STANDARD_FONTS),
};

/** Placeholder prefixes: pdf.js joins them with the file name it wants; the factory strips them again. */
const PREFIX = { cMapUrl: 'bundled-cmaps/', standardFontDataUrl: 'bundled-fonts/' } as const;

async function loadBundled(url: string): Promise<Uint8Array> {
  // Vite inlines small assets as data: URLs; the CSP's connect-src 'self' forbids fetching those, so decode here.
  if (url.startsWith('data:')) {
    const base64 = url.slice(url.indexOf(',') + 1);
    const bin = atob(base64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** pdf.js' BinaryDataFactory contract: constructed with the URL options, fetch({ kind, filename }) → bytes. */
class BundledDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = BUNDLED[kind]?.get(filename);
    if (!url) throw new Error(`PDF 资源未随程序打包：${kind} ${filename}`);
    return loadBundled(url);
  }
}

/**
 * The folder holding both fallback decoders, as an absolute URL: the worker resolves the import against its
 * own script URL, and pdf.js wants a trailing slash. Null (images left blank, pages still drawn) if a build
 * ever renamed or split them — better than pdf.js importing a file that is not there.
 */
function fallbackDecoderFolder(): string | null {
  const folders = [
    ['openjpeg_nowasm_fallback.js', openjpegFallbackUrl],
    ['jbig2_nowasm_fallback.js', jbig2FallbackUrl],
  ].map(([name, url]) => {
    const absolute = new URL(url!, document.baseURI);
    return absolute.pathname.endsWith(`/${name}`) ? new URL('./', absolute).href : null;
  });
  return folders[0] && folders[0] === folders[1] ? folders[0] : null;
}

export interface LoadedPdf {
  numPages: number;
  /** Draws page `pageNumber` (1-based) onto the canvas, `cssWidth` CSS pixels wide. */
  render(pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number): { promise: Promise<void>; cancel(): void };
  destroy(): Promise<void>;
}

export async function openPdf(data: Uint8Array): Promise<LoadedPdf> {
  const task = getDocument({
    data,
    cMapUrl: PREFIX.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: PREFIX.standardFontDataUrl,
    BinaryDataFactory: BundledDataFactory,
    // The main thread serves CMaps and fonts from the bundle (above); the worker fetches nothing itself.
    useWorkerFetch: false,
    // WebAssembly would need 'wasm-unsafe-eval' in the CSP; pdf.js falls back to its JS code paths, and
    // for JPEG 2000/JBIG2 images to the bundled JS decoders found under wasmUrl.
    useWasm: false,
    wasmUrl: fallbackDecoderFolder() ?? undefined,
    // A preview only draws the pages: no XFA forms. pdf.js 6 dropped `isEvalSupported` together with its
    // eval-based font path, so nothing here needs 'unsafe-eval' (the e2e test runs under the strict CSP).
    enableXfa: false,
  });
  const doc: PDFDocumentProxy = await task.promise;
  return {
    numPages: doc.numPages,
    render(pageNumber, canvas, cssWidth) {
      let renderTask: RenderTask | null = null;
      let cancelled = false;
      const promise = (async () => {
        const page: PDFPageProxy = await doc.getPage(pageNumber);
        if (cancelled) return;
        const base = page.getViewport({ scale: 1 });
        const ratio = window.devicePixelRatio || 1;
        const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        renderTask = page.render({ canvas, viewport });
        await renderTask.promise;
      })();
      return {
        promise,
        cancel() {
          cancelled = true;
          renderTask?.cancel();
        },
      };
    },
    destroy: () => task.destroy(),
  };
}
