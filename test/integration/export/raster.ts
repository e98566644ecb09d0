import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One page of a PDF as pixels (pdftoppm → binary PPM), for what the text boxes cannot tell: the
 * colour of the printed 发文机关标志 and where rules (borders, not text) are drawn.
 */
export interface Raster {
  width: number;
  height: number;
  dpi: number;
  /** RGB of pixel (x, y) */
  rgb(x: number, y: number): [number, number, number];
}

export function rasterPage(pdf: string, page: number, dpi = 150): Raster {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rectify-raster-'));
  try {
    const base = path.join(dir, 'p');
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, base], { stdio: 'pipe' });
    const data = readFileSync(`${base}.ppm`);
    // P6 <w> <h> <max>\n then RGB bytes (comments are not written by pdftoppm)
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('not a binary PPM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    const offset = header[0].length;
    return {
      width,
      height,
      dpi,
      rgb: (x, y) => {
        const i = offset + (y * width + x) * 3;
        return [data[i]!, data[i + 1]!, data[i + 2]!];
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const isRed = ([r, g, b]: [number, number, number]): boolean => r > 170 && g < 100 && b < 100;
export const isDark = ([r, g, b]: [number, number, number]): boolean => r < 110 && g < 110 && b < 110;

/** Pixel rows (top, bottom, in mm from the page top) where at least `min` pixels of a kind are, as runs. */
export function inkBands(raster: Raster, test: (rgb: [number, number, number]) => boolean, min = 1, x0 = 0, x1 = raster.width): { top: number; bottom: number; maxCount: number }[] {
  const mmPerPx = 25.4 / raster.dpi;
  const bands: { top: number; bottom: number; maxCount: number }[] = [];
  let start = -1;
  let max = 0;
  for (let y = 0; y <= raster.height; y++) {
    let n = 0;
    if (y < raster.height) for (let x = x0; x < x1; x++) if (test(raster.rgb(x, y))) n++;
    if (n >= min) {
      if (start < 0) {
        start = y;
        max = 0;
      }
      max = Math.max(max, n);
    } else if (start >= 0) {
      bands.push({ top: start * mmPerPx, bottom: y * mmPerPx, maxCount: max });
      start = -1;
    }
  }
  return bands;
}

/** Horizontal lines: rows where a kind of pixel covers at least `fraction` of the span [x0, x1). */
export function horizontalRules(raster: Raster, test: (rgb: [number, number, number]) => boolean, fraction: number, x0: number, x1: number): { top: number; bottom: number; maxCount: number }[] {
  return inkBands(raster, test, Math.ceil((x1 - x0) * fraction), x0, x1);
}

export function mmToPx(raster: Raster, mm: number): number {
  return Math.round((mm / 25.4) * raster.dpi);
}
