import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import yazl from 'yazl';
import type { Db } from '../store/database.ts';
import { AppError } from '../../../shared/errors.ts';
import type { PackageEntry, PackageResult } from '../../../shared/api/evidence.ts';
import type { ProgressListener } from '../../../shared/api/task-progress.ts';
import { writeFileWith, writeFolderWith } from '../files/atomic-write.ts';
import { loadLedger, type LoadedLedger } from '../progress/ledger-data.ts';
import { blobPath, errCode, ioError } from './blob-store.ts';
import { formatSize } from './attachments.ts';

/**
 * The evidence package (佐证材料包): every active attachment of a plan, renamed by measure path, type
 * and date (三-1-2_会议纪要_20260115.pdf, the same names the ledger's 佐证材料 column cites), plus a
 * 佐证材料目录 listing them. Written atomically (files/atomic-write.ts), so a failure never leaves a
 * half package under the requested name. Blobs are streamed, never loaded whole.
 */

export const CATALOG_BASENAME = '佐证材料目录';

export interface PackageOptions {
  planId: string;
  output: string;
  format?: 'folder' | 'zip' | undefined;
  catalog?: 'xlsx' | 'docx' | undefined;
}

export async function exportEvidencePackage(ctx: { db: Db; dataDir: string; progress?: ProgressListener | undefined }, options: PackageOptions): Promise<PackageResult> {
  const loaded = loadLedger(ctx.db, options.planId);
  const output = path.resolve(options.output);
  const format = options.format ?? (output.toLowerCase().endsWith('.zip') ? 'zip' : 'folder');
  const catalogFormat = options.catalog ?? 'xlsx';
  const entries: PackageEntry[] = loaded.attachments.map((a) => ({
    fileName: a.fileName,
    attachmentId: a.row.id,
    measurePath: a.measure.path,
    measureHeading: a.measure.heading,
    originalName: a.row.original_name,
    type: a.row.type,
    date: a.row.doc_date,
    size: a.row.size,
    sha256: a.row.sha256,
  }));
  // Every source must be there before anything is written.
  for (const e of entries) {
    try {
      await stat(blobPath(ctx.dataDir, e.sha256));
    } catch {
      throw new AppError('corrupt_file', `佐证材料「${e.originalName}」（措施${e.measurePath}）的文件已丢失，无法导出。请运行完整性检查并重新添加原件`);
    }
  }
  const catalogName = `${CATALOG_BASENAME}.${catalogFormat}`;
  const catalog = catalogFormat === 'docx' ? await catalogDocx(loaded, entries) : await catalogXlsx(loaded, entries);

  const progress = (done: number): void => ctx.progress?.({ task: 'package', stage: '正在导出佐证材料包', done, total: entries.length });
  progress(0);
  const contents: PackageContents = { dataDir: ctx.dataDir, output, entries, catalogName, catalog, progress };
  if (format === 'zip') await writeZip(contents);
  else await writeFolder(contents);
  return { path: output, format, catalogName, entries };
}

/** What goes into a package, and where its progress goes (done = files written so far). */
interface PackageContents {
  dataDir: string;
  output: string;
  entries: PackageEntry[];
  catalogName: string;
  catalog: Buffer;
  progress: (done: number) => void;
}

async function writeZip({ dataDir, output, entries, catalogName, catalog, progress }: PackageContents): Promise<void> {
  await writeFileWith(
    output,
    async (temp) => {
      const zip = new yazl.ZipFile();
      // yazl writes UTF-8 names with the language-encoding flag, so Chinese names survive on every unzip tool.
      zip.addBuffer(catalog, catalogName);
      const mtime = new Date();
      entries.forEach((e, i) => {
        // yazl writes the entries one after another and opens each file only when its turn comes, so
        // the start of entry i means i files are done (and no more than one file is open at a time).
        zip.addReadStreamLazy(e.fileName, { compress: shouldCompress(e.fileName), size: e.size, mtime }, (cb) => {
          progress(i);
          cb(null, createReadStream(blobPath(dataDir, e.sha256)));
        });
      });
      // A file that cannot be read fails the zip itself: end the output so the write below fails too.
      zip.on('error', (err: Error) => (zip.outputStream as Readable).destroy(err));
      zip.end();
      await pipeline(zip.outputStream, createWriteStream(temp));
      progress(entries.length);
    },
    { createFolder: true },
  );
}

/** Photos, PDFs and Office files are already compressed: storing them is as small and much faster. */
function shouldCompress(name: string): boolean {
  return /\.(txt|csv|doc|xls|ppt|wps|et|rtf|htm|html|xml|bmp|tif|tiff)$/i.test(name);
}

async function writeFolder({ dataDir, output, entries, catalogName, catalog, progress }: PackageContents): Promise<void> {
  try {
    const existing = await readdir(output);
    if (existing.length > 0) throw new AppError('bad_input', `导出文件夹「${output}」不是空的，请选择一个新的或空的文件夹`);
    await rm(output, { recursive: true });
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (errCode(err) === 'ENOTDIR') throw new AppError('bad_input', `「${output}」是一个文件，请选择文件夹或以 .zip 结尾的文件名`);
    if (errCode(err) !== 'ENOENT') throw ioError(err, '无法使用导出文件夹', output);
  }
  await writeFolderWith(
    output,
    async (temp) => {
      await writeFile(path.join(temp, catalogName), catalog);
      for (const [i, e] of entries.entries()) {
        await copyFile(blobPath(dataDir, e.sha256), path.join(temp, e.fileName));
        progress(i + 1);
      }
    },
    { createFolder: true },
  );
}

const CATALOG_HEADER = ['序号', '文件名', '措施编号', '整改措施', '材料类型', '原文件名', '材料日期', '说明', '大小', 'SHA-256校验值'];

function catalogRows(loaded: LoadedLedger, entries: PackageEntry[]): string[][] {
  const notes = new Map(loaded.attachments.map((a) => [a.row.id, a.row.note ?? '']));
  return entries.map((e, i) => [
    String(i + 1),
    e.fileName,
    e.measurePath,
    e.measureHeading,
    e.type,
    e.originalName,
    e.date ?? '',
    notes.get(e.attachmentId) ?? '',
    formatSize(e.size),
    e.sha256,
  ]);
}

async function catalogXlsx(loaded: LoadedLedger, entries: PackageEntry[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(CATALOG_BASENAME, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
  });
  ws.columns = [6, 30, 10, 36, 10, 30, 11, 20, 10, 20].map((width) => ({ width }));
  ws.addRow([`${loaded.ledger.title.replace(/整改落实情况台账$/, '')}佐证材料目录`]);
  ws.mergeCells(1, 1, 1, CATALOG_HEADER.length);
  ws.getCell(1, 1).font = { name: '宋体', size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  const header = ws.addRow(CATALOG_HEADER);
  header.eachCell((c) => {
    c.font = { name: '宋体', bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  for (const r of catalogRows(loaded, entries)) {
    const row = ws.addRow(r);
    row.eachCell((c) => {
      c.font = { name: '宋体', size: 10.5 };
      c.alignment = { vertical: 'middle', wrapText: true };
    });
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function catalogDocx(loaded: LoadedLedger, entries: PackageEntry[]): Promise<Buffer> {
  const columns = CATALOG_HEADER.slice(0, 8);
  const cell = (text: string, bold = false): TableCell =>
    new TableCell({
      children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman' }, size: 21 })] })),
    });
  const rows = [
    new TableRow({ tableHeader: true, children: columns.map((h) => cell(h, true)) }),
    ...catalogRows(loaded, entries).map((r) => new TableRow({ children: r.slice(0, 8).map((t) => cell(t)) })),
  ];
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `${loaded.ledger.title.replace(/整改落实情况台账$/, '')}佐证材料目录`, font: { eastAsia: '方正小标宋简体' }, size: 36 })],
          }),
          new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
