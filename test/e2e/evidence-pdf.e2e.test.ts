import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, offMachineRequests, startApp } from './harness.ts';
import { fakeDesktopBridge } from './desktop-bridge.ts';
import { seedPlan, openMeasure } from './progress-fixture.ts';

afterAll(closeBrowser);

const work = mkdtempSync(path.join(os.tmpdir(), 'rectify-e2e-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A real PDF with Chinese text, made by LibreOffice from a .txt (its CJK font is embedded as a subset,
 * the common case for office PDFs); long enough to run onto a second page.
 */
function chinesePdf(): { bytes: Buffer; pages: number } {
  const lines = ['关于巡察反馈问题整改落实情况的报告'];
  for (let i = 1; i <= 90; i++) lines.push(`第${i}条：党组会议研究部署巡察整改工作，明确责任分工和完成时限。`);
  const txt = path.join(work, '整改报告.txt');
  writeFileSync(txt, lines.join('\n') + '\n', 'utf8');
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${path.join(work, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', work, txt],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const pdf = path.join(work, '整改报告.pdf');
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return { bytes: readFileSync(pdf), pages };
}

/**
 * A hand-written one-page PDF whose Chinese font is NOT embedded (STSong-Light, UniGB-UCS2-H), as older
 * office software writes them: pdf.js needs the predefined CMap, which must come from the app's bundle.
 */
function nonEmbeddedChinesePdf(): Buffer {
  const ucs2 = (s: string): string => [...s].map((c) => c.codePointAt(0)!.toString(16).padStart(4, '0')).join('');
  const lines = ['整改落实情况报告', '党组会议研究部署', '巡察整改工作台账'];
  const content = lines.map((l, i) => `BT /F1 40 Tf 60 ${720 - i * 60} Td <${ucs2(l)}> Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A scanned page as scanners write it: one JPEG 2000 (JPXDecode) image in a hand-written one-page PDF.
 * The codestream comes from opj_compress (Debian libopenjp2-tools) over a dark square frame drawn here,
 * so pdf.js must decode JPEG 2000 itself — without WebAssembly, through the bundled JS fallback.
 */
function jpeg2000ScanPdf(): Buffer {
  const w = 64;
  const h = 64;
  const pixels = Buffer.alloc(w * h * 3, 255);
  for (let y = 8; y < 56; y++) {
    for (let x = 8; x < 56; x++) {
      if (x >= 20 && x < 44 && y >= 20 && y < 44) continue;
      pixels.fill(20, (y * w + x) * 3, (y * w + x) * 3 + 3);
    }
  }
  const ppm = path.join(work, 'scan.ppm');
  const jp2 = path.join(work, 'scan.jp2');
  writeFileSync(ppm, Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`), pixels]));
  execFileSync('opj_compress', ['-i', ppm, '-o', jp2], { stdio: 'ignore' });
  const jpx = readFileSync(jp2);
  const content = 'q 400 0 0 400 97 300 cm /Im1 Do Q';
  const objects: Buffer[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>',
  ].map((o) => Buffer.from(o, 'latin1'));
  objects.push(
    Buffer.concat([
      Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /Filter /JPXDecode /Length ${jpx.length} >>\nstream\n`, 'latin1'),
      jpx,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`, 'latin1'),
  );
  const chunks = [Buffer.from('%PDF-1.5\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), o, Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    length += chunk.length;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) tail += `${String(off).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(Buffer.from(tail, 'latin1'));
  return Buffer.concat(chunks);
}

/** Dark pixels on the canvas: glyphs drawn in black on the white page. */
async function darkPixels(page: Page, name: string): Promise<{ width: number; height: number; dark: number }> {
  return page
    .getByRole('dialog')
    .getByRole('img', { name })
    .evaluate((el) => {
      const canvas = el as HTMLCanvasElement;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100 && data[i + 3]! > 200) dark++;
      return { width: canvas.width, height: canvas.height, dark };
    });
}

describe('佐证材料 PDF 预览（浏览器端到端）', () => {
  it('含中文的 PDF 在预览框内用画布逐页显示，有页数和上一页/下一页，不访问外网', async () => {
    const pdf = chinesePdf();
    expect(pdf.pages).toBeGreaterThanOrEqual(2);
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[0]!;
      await app.services.call('evidence.attachData', { measureId: m.id, originalName: '整改报告（定稿）.pdf', dataBase64: pdf.bytes.toString('base64') });
      await openMeasure(app, plan.planId, m);
      await page.getByRole('button', { name: '预览「整改报告（定稿）.pdf」' }).click();

      const dialog = page.getByRole('dialog');
      await dialog.locator('canvas[data-rendered="1"]').waitFor({ timeout: 30_000 });
      await expect.poll(() => dialog.getByLabel('PDF 页码').innerText()).toBe(`第 1 页 / 共 ${pdf.pages} 页`);
      const first = await darkPixels(page, '整改报告（定稿）.pdf 第 1 页');
      expect(first.width).toBeGreaterThan(400);
      expect(first.height).toBeGreaterThan(first.width);
      // 91 lines of Chinese over two pages: thousands of dark glyph pixels, not a blank page.
      expect(first.dark).toBeGreaterThan(2000);
      await expect(dialog.getByRole('button', { name: '上一页' }).isDisabled()).resolves.toBe(true);
      expect(await dialog.locator('iframe').count()).toBe(0);

      await dialog.getByRole('button', { name: '下一页' }).click();
      await dialog.locator('canvas[data-rendered="2"]').waitFor({ timeout: 30_000 });
      expect(await dialog.getByLabel('PDF 页码').innerText()).toBe(`第 2 页 / 共 ${pdf.pages} 页`);
      expect((await darkPixels(page, '整改报告（定稿）.pdf 第 2 页')).dark).toBeGreaterThan(200);
      await dialog.getByRole('button', { name: '上一页' }).click();
      await dialog.locator('canvas[data-rendered="1"]').waitFor({ timeout: 30_000 });

      // Everything pdf.js needed (worker, fonts) came from this host; nothing went elsewhere.
      expect(app.requests.some((u) => /pdf\.worker.*\.mjs$/.test(u))).toBe(true);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('未嵌入字体的中文 PDF：预定义 CMap 从程序自带资源读取，文字照样画出', async () => {
    const app = await startApp();
    const { page } = app;
    const warnings: string[] = [];
    page.on('console', (msg) => {
      if (/cmap|font/i.test(msg.text())) warnings.push(msg.text());
    });
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[0]!;
      await app.services.call('evidence.attachData', { measureId: m.id, originalName: '旧版公文.pdf', dataBase64: nonEmbeddedChinesePdf().toString('base64') });
      await openMeasure(app, plan.planId, m);
      await page.getByRole('button', { name: '预览「旧版公文.pdf」' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('canvas[data-rendered="1"]').waitFor({ timeout: 30_000 });
      expect(await dialog.getByLabel('PDF 页码').innerText()).toBe('第 1 页 / 共 1 页');
      expect((await darkPixels(page, '旧版公文.pdf 第 1 页')).dark).toBeGreaterThan(2000);
      // The CMap came from the app's own assets, not from a CDN.
      expect(app.requests.some((u) => u.startsWith(app.host.url) && /UniGB-UCS2-H[^/]*\.bcmap$/.test(u))).toBe(true);
      expect(warnings.filter((w) => /Unable to load|Ensure that the/i.test(w))).toEqual([]);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('JPEG 2000 扫描件：不用 WebAssembly，由程序自带的解码脚本画出图像，不访问外网', async () => {
    const app = await startApp();
    const { page } = app;
    const warnings: string[] = [];
    page.on('console', (msg) => {
      if (/wasm|jpx|openjpeg|image/i.test(msg.text())) warnings.push(msg.text());
    });
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[0]!;
      await app.services.call('evidence.attachData', { measureId: m.id, originalName: '整改台账扫描件.pdf', dataBase64: jpeg2000ScanPdf().toString('base64') });
      await openMeasure(app, plan.planId, m);
      await page.getByRole('button', { name: '预览「整改台账扫描件.pdf」' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('canvas[data-rendered="1"]').waitFor({ timeout: 30_000 });
      expect(await dialog.getByLabel('PDF 页码').innerText()).toBe('第 1 页 / 共 1 页');
      // The frame covers 1920 of the image's 4096 pixels, drawn 400pt wide: a blank page has none.
      expect((await darkPixels(page, '整改台账扫描件.pdf 第 1 页')).dark).toBeGreaterThan(5000);
      // The decoder script came from the app's own files; no WebAssembly, nothing from elsewhere.
      expect(app.requests.some((u) => u.startsWith(app.host.url) && /openjpeg_nowasm_fallback\.js$/.test(u))).toBe(true);
      expect(app.requests.filter((u) => /\.wasm$/.test(u))).toEqual([]);
      expect(warnings.filter((w) => /getJsInstance|Unable to decode|JpxError/i.test(w))).toEqual([]);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('桌面版（预加载桥）：PDF 经桥读取后在画布上显示，过大的 PDF 提示用系统程序打开', async () => {
    const pdf = chinesePdf();
    const app = await startApp({ initScript: fakeDesktopBridge() });
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[1]!;
      const small = await app.services.call('evidence.attachData', { measureId: m.id, originalName: '会议纪要.pdf', dataBase64: pdf.bytes.toString('base64') });
      const big = path.join(work, '年度扫描件.pdf');
      writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(31 * 1024 * 1024, 0x20)]));
      await app.services.call('evidence.attachPath', { measureId: m.id, path: big });
      await openMeasure(app, plan.planId, m);

      await page.getByRole('button', { name: '预览「会议纪要.pdf」' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('canvas[data-rendered="1"]').waitFor({ timeout: 30_000 });
      expect(await dialog.getByLabel('PDF 页码').innerText()).toBe(`第 1 页 / 共 ${pdf.pages} 页`);
      expect((await darkPixels(page, '会议纪要.pdf 第 1 页')).dark).toBeGreaterThan(2000);
      expect(await page.evaluate(() => (window as unknown as { __desktopCalls: string[] }).__desktopCalls)).toContain('evidence.read');
      expect(await dialog.getByText('下载副本').count()).toBe(0);
      await dialog.getByRole('button', { name: '用系统程序打开' }).click();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __desktopCalls: string[] }).__desktopCalls))
        .toContain(`openAttachment:${small.attachmentId}`);
      await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: '预览「年度扫描件.pdf」' }).click();
      await page.getByRole('dialog').getByText(/PDF 文件较大（31(\.0)? MB）.*用系统程序打开/).waitFor();
      expect(await page.getByRole('dialog').locator('canvas').count()).toBe(0);
      expect(offMachineRequests(app)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('过大的 PDF 不读入页面：给出中文提示和下载副本', async () => {
    const app = await startApp();
    const { page } = app;
    try {
      const plan = await seedPlan(app);
      const m = plan.measures[0]!;
      const big = path.join(work, '全年台账扫描件.pdf');
      const fd = openSync(big, 'w');
      writeSync(fd, Buffer.from('%PDF-1.4\n'));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 31; i++) writeSync(fd, chunk);
      closeSync(fd);
      await app.services.call('evidence.attachPath', { measureId: m.id, path: big });
      await openMeasure(app, plan.planId, m);
      const reads: string[] = [];
      page.on('request', (req) => {
        if (req.postData()?.includes('evidence.read')) reads.push(req.url());
      });
      await page.getByRole('button', { name: '预览「全年台账扫描件.pdf」' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/PDF 文件较大（31(\.0)? MB）.*下载副本/).waitFor();
      expect(await dialog.locator('canvas').count()).toBe(0);
      await dialog.getByRole('link', { name: '下载副本' }).waitFor();
      expect(reads).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
