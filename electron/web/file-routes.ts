import type http from 'node:http';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { attachStream, getAttachment } from '../services/evidence/attachments.ts';
import { blobPath } from '../services/evidence/blob-store.ts';
import { AppError, toWireError } from '../../shared/errors.ts';
import { formatZodError } from '../../shared/api/validation.ts';
import { AttachmentIdSchema, EvidenceTypeSchema, IsoDateSchema, MeasureIdSchema, OriginalNameSchema } from '../../shared/api/evidence.ts';
import type { RpcEnvelope } from '../../shared/api/bridge.ts';
import { PlanIdSchema } from '../../shared/api/plans.ts';
import { safeFileName } from '../../shared/progress/evidence-names.ts';

/**
 * File routes of the browser host. The JSON RPC carries files as base64 inside one body, which a
 * 1 GB scan or video cannot afford; these routes move raw bytes instead:
 *
 * - `POST /api/upload/evidence?measureId=…&name=…[&type=…&date=…&note=…&addedBy=…]` — the request
 *   body is the file. It is piped into the evidence service's `attachStream` (hashed and written to a
 *   temp file as it arrives, fsynced, renamed), so memory stays flat whatever the size. The answer is
 *   the same envelope as /api/rpc with an `AttachResult`.
 * - `GET /api/evidence/file?id=…&token=…` — the stored bytes of one attachment for the in-app preview
 *   (a PDF in a frame cannot send the token header, hence the query).
 *
 * - `POST /api/download/report?planId=…`, `POST /api/download/evidence-package?planId=…` and
 *   `POST /api/download/plan-package?planId=…` — the host has the services write the 整改落实情况报告
 *   (.docx), the evidence package (.zip) or the plan exchange file (.rectify) into a private
 *   temp folder and answers `{ ticket, fileName }` (or a Chinese error) as an RPC envelope; then
 *   `GET /api/download/file?ticket=…&token=…` streams it once as a download and deletes it. Two steps,
 *   so a failure reaches the page as a message instead of a broken download.
 *
 * The host checks Host and Origin before handing a request here; every route checks the token.
 */

export const EVIDENCE_UPLOAD_PATH = '/api/upload/evidence';
export const EVIDENCE_FILE_PATH = '/api/evidence/file';
export const DOWNLOAD_PREFIX = '/api/download/';

export function isFileRoute(pathname: string): boolean {
  return pathname === EVIDENCE_UPLOAD_PATH || pathname === EVIDENCE_FILE_PATH || pathname.startsWith(DOWNLOAD_PREFIX);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

/** Routes one request; `tokenOk` is the host's constant-time token check. */
export async function handleFileRoute(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: Services,
  tokenOk: (given: string | string[] | undefined) => boolean,
): Promise<void> {
  const p = url.pathname;
  if (p === EVIDENCE_UPLOAD_PATH) {
    if (req.method !== 'POST') return sendText(res, 405, '只接受 POST');
    if (!tokenOk(req.headers['x-rectify-token'])) return sendText(res, 401, '缺少或错误的访问令牌');
    return handleEvidenceUpload(req, res, url, services);
  }
  if (p === EVIDENCE_FILE_PATH) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, '只接受 GET');
    // A PDF in a frame cannot send a header: the token comes in the query.
    if (!tokenOk(url.searchParams.get('token') ?? undefined)) return sendText(res, 401, '缺少或错误的访问令牌');
    return handleEvidenceFile(req, res, url, services);
  }
  if (p === `${DOWNLOAD_PREFIX}file`) {
    if (req.method !== 'GET') return sendText(res, 405, '只接受 GET');
    if (!tokenOk(url.searchParams.get('token') ?? undefined)) return sendText(res, 401, '缺少或错误的访问令牌');
    return serveTicket(res, url.searchParams.get('ticket') ?? '');
  }
  const kind = p.slice(DOWNLOAD_PREFIX.length);
  if (kind === 'report' || kind === 'evidence-package' || kind === 'plan-package') {
    if (req.method !== 'POST') return sendText(res, 405, '只接受 POST');
    if (!tokenOk(req.headers['x-rectify-token'])) return sendText(res, 401, '缺少或错误的访问令牌');
    req.resume();
    return prepareDownload(res, kind, url, services);
  }
  return sendText(res, 404, '没有这个地址');
}

interface Ticket {
  file: string;
  dir: string;
  fileName: string;
  mime: string;
  timer: NodeJS.Timeout;
}

const tickets = new Map<string, Ticket>();
/** Unclaimed files are deleted after this long. */
const TICKET_TTL_MS = 10 * 60 * 1000;

function dropTicket(id: string): void {
  const t = tickets.get(id);
  if (!t) return;
  tickets.delete(id);
  clearTimeout(t.timer);
  void rm(t.dir, { recursive: true, force: true });
}

async function prepareDownload(res: http.ServerResponse, kind: 'report' | 'evidence-package' | 'plan-package', url: URL, services: Services): Promise<void> {
  let envelope: RpcEnvelope;
  let dir: string | undefined;
  try {
    const planId = PlanIdSchema.safeParse(url.searchParams.get('planId') ?? '');
    if (!planId.success) throw new AppError('bad_input', '缺少方案编号');
    const plan = await services.call('plans.get', { id: planId.data });
    dir = await mkdtemp(path.join(os.tmpdir(), 'rectify-download-'));
    let file: string;
    let fileName: string;
    let mime: string;
    if (kind === 'report') {
      file = path.join(dir, 'report.docx');
      const out = await services.call('progress.exportReport', { planId: plan.id, output: file });
      fileName = safeFileName(`${out.title}.docx`);
      mime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    } else if (kind === 'plan-package') {
      file = path.join(dir, 'plan.rectify');
      await services.call('exchange.pack', { planId: plan.id, output: file });
      fileName = safeFileName(`${plan.title}.rectify`);
      mime = 'application/octet-stream';
    } else {
      file = path.join(dir, 'package.zip');
      await services.call('evidence.exportPackage', { planId: plan.id, output: file, format: 'zip' });
      fileName = safeFileName(`${plan.title}_佐证材料.zip`);
      mime = 'application/zip';
    }
    const ticket = randomUUID();
    const cleanupDir = dir;
    tickets.set(ticket, { file, dir: cleanupDir, fileName, mime, timer: setTimeout(() => dropTicket(ticket), TICKET_TTL_MS).unref() });
    dir = undefined;
    envelope = { ok: true, result: { ticket, fileName } };
  } catch (err) {
    envelope = { ok: false, error: toWireError(err) };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
  sendJson(res, envelope);
}

async function serveTicket(res: http.ServerResponse, id: string): Promise<void> {
  const t = tickets.get(id);
  if (!t) return sendText(res, 404, '下载链接已失效，请重新导出');
  // One download per ticket: the file is private to this request from here on.
  tickets.delete(id);
  clearTimeout(t.timer);
  try {
    const size = (await stat(t.file)).size;
    res.writeHead(200, {
      'content-type': t.mime,
      'content-length': size,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(t.fileName)}`,
    });
    const stream = createReadStream(t.file, { highWaterMark: 1024 * 1024 });
    stream.on('error', () => res.destroy());
    res.on('close', () => void rm(t.dir, { recursive: true, force: true }));
    stream.pipe(res);
  } catch {
    await rm(t.dir, { recursive: true, force: true });
    sendText(res, 404, '导出的文件已不存在，请重新导出');
  }
}

const UploadParamsSchema = z.object({
  measureId: MeasureIdSchema,
  name: OriginalNameSchema,
  type: EvidenceTypeSchema.optional(),
  date: IsoDateSchema.optional(),
  note: z.string().max(2000, '说明不能超过2000字').optional(),
  addedBy: z.string().max(100).optional(),
});

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== '') out[k] = v;
  return out;
}

function sendJson(res: http.ServerResponse, envelope: RpcEnvelope): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(envelope));
}

function contentLength(req: http.IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined) return null;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/**
 * The request body, checked against its Content-Length while it streams: a body cut short (browser
 * closed, connection dropped) fails inside the store's copy loop, so the temp file is deleted and no
 * truncated blob or attachment row is ever written.
 */
async function* exactBody(req: http.IncomingMessage, name: string): AsyncGenerator<Buffer> {
  const expected = contentLength(req);
  let received = 0;
  try {
    for await (const chunk of req) {
      received += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  } catch {
    throw new AppError('io', `上传中断，「${name}」未保存，请重新添加`);
  }
  if (!req.complete || (expected !== null && received !== expected)) {
    throw new AppError('io', `上传不完整（收到 ${received} 字节${expected !== null ? `，应为 ${expected} 字节` : ''}），「${name}」未保存，请重新添加`);
  }
}

async function handleEvidenceUpload(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: Services,
): Promise<void> {
  let envelope: RpcEnvelope;
  try {
    // A missing name reads as an empty one, so the user sees 文件名不能为空 rather than a type error.
    const parsed = UploadParamsSchema.safeParse({ name: '', ...queryObject(url) });
    if (!parsed.success) throw new AppError('bad_input', formatZodError(parsed.error));
    const p = parsed.data;
    const result = await attachStream(
      { db: services.context.db, dataDir: services.context.dataDir },
      {
        measureId: p.measureId,
        originalName: p.name,
        ...(p.type !== undefined ? { type: p.type } : {}),
        ...(p.date !== undefined ? { date: p.date } : {}),
        ...(p.note !== undefined ? { note: p.note } : {}),
        ...(p.addedBy !== undefined ? { addedBy: p.addedBy } : {}),
        // The request itself is the source: bytes go from the socket to the temp file chunk by chunk.
        source: Readable.from(exactBody(req, p.name)),
        size: contentLength(req),
      },
    );
    envelope = { ok: true, result };
  } catch (err) {
    envelope = { ok: false, error: toWireError(err) };
  }
  if (res.destroyed) return;
  // Rejected before the body was read (unknown measure, bad name): answer now and drop the connection
  // rather than read a large file only to throw it away.
  if (!req.complete) res.setHeader('connection', 'close');
  sendJson(res, envelope);
}

/** Types a browser shows inline; anything else is offered as a download so it can never run in our origin. */
const INLINE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/svg+xml',
  'text/plain',
]);

async function handleEvidenceFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  services: Services,
): Promise<void> {
  const fail = (status: number, message: string): void => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(message);
  };
  const id = AttachmentIdSchema.safeParse(url.searchParams.get('id') ?? '');
  if (!id.success) return fail(400, '缺少材料编号');
  let file: string;
  let size: number;
  let mime: string;
  let name: string;
  try {
    const attachment = getAttachment(services.context.db, id.data);
    file = blobPath(services.context.dataDir, attachment.sha256);
    size = (await stat(file)).size;
    mime = attachment.mime.split(';')[0]!.trim().toLowerCase();
    name = attachment.originalName;
  } catch (err) {
    const wire = toWireError(err);
    if (wire.code === 'not_found') return fail(404, wire.message);
    if ((err as { code?: string }).code === 'ENOENT') return fail(404, '佐证材料的文件已丢失，请运行完整性检查');
    return fail(500, wire.message);
  }
  const inline = INLINE_TYPES.has(mime);
  const headers: http.OutgoingHttpHeaders = {
    'content-type': inline ? (mime === 'text/plain' ? 'text/plain; charset=utf-8' : mime) : 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(name)}`,
  };
  // An SVG is a document that may carry script: show it, never run it. (Not for PDFs: a sandboxed
  // document cannot host the browser's PDF viewer.)
  if (mime === 'image/svg+xml') headers['content-security-policy'] = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  const stream = createReadStream(file, { highWaterMark: 1024 * 1024 });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
