import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { unzipBuffer } from '../helpers/zip.ts';
import { createServices, type Services } from '../../electron/services/index.ts';
import { startWebHost, type WebHost } from '../../electron/web/host.ts';
import { blobPath, tempRoot } from '../../electron/services/evidence/blob-store.ts';
import { emptyDocument, emptyMeasure, type PlanDocument } from '../../shared/domain/document.ts';
import type { RpcEnvelope } from '../../shared/api/bridge.ts';
import type { AttachResult } from '../../shared/api/evidence.ts';
import { tempDir } from '../helpers/temp.ts';

/**
 * The browser host's evidence upload: POST /api/upload/evidence streams the body into the evidence
 * store (never buffered whole), with the same Host/Origin/token checks as /api/rpc; and
 * GET /api/evidence/file serves a stored file back for the in-app preview.
 */

const TOKEN = 't'.repeat(48);

interface Running {
  services: Services;
  host: WebHost;
  dataDir: string;
  measureId: string;
}

const running: Running[] = [];

afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.host.close();
    r.services.close();
  }
});

function planWithMeasure(): PlanDocument {
  const doc = emptyDocument('关于巡察反馈问题的整改方案');
  doc.sections = [
    {
      kind: 'section',
      heading: '加强理论学习',
      body: [],
      style: {},
      measure: null,
      problemKeys: [],
      children: [
        {
          kind: 'measure',
          heading: '落实第一议题制度',
          body: [],
          style: {},
          measure: { ...emptyMeasure(), leader: '党组书记', department: '办公室' },
          problemKeys: [],
          children: [],
        },
      ],
    },
  ];
  return doc;
}

async function start(): Promise<Running> {
  const dataDir = tempDir();
  const staticDir = tempDir();
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const services = await createServices({ dataDir });
  const host = await startWebHost({ services, staticDir, token: TOKEN });
  const plan = await services.call('plans.createFromDocument', { document: planWithMeasure() });
  const detail = await services.call('plans.get', { id: plan.id });
  const measureId = detail.outline[0]!.children[0]!.id;
  const r = { services, host, dataDir, measureId };
  running.push(r);
  return r;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request, so the tests control every header (fetch would not let them forge Host). */
function request(
  host: WebHost,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: Buffer | ((req: http.ClientRequest) => Promise<void>) },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (typeof options.body === 'function') {
      options.body(req).catch(reject);
    } else {
      req.end(options.body);
    }
  });
}

function uploadPath(params: Record<string, string>): string {
  return `/api/upload/evidence?${new URLSearchParams(params).toString()}`;
}

function envelope(reply: Reply): RpcEnvelope {
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body.toString('utf8')) as RpcEnvelope;
}

function okResult(reply: Reply): AttachResult {
  const env = envelope(reply);
  if (!env.ok) throw new Error(`上传失败：${env.error.message}`);
  return env.result as AttachResult;
}

/** The engine's collector, so a memory figure counts what is still held rather than garbage not yet swept. */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function tempFiles(dataDir: string): string[] {
  const dir = tempRoot(dataDir);
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Writes `total` bytes of a repeating pattern honouring backpressure; returns their SHA-256. */
async function writePattern(req: http.ClientRequest, total: number, onWritten?: (written: number) => Promise<void>): Promise<string> {
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + 7) & 0xff;
  const hash = createHash('sha256');
  let written = 0;
  while (written < total) {
    const part = chunk.subarray(0, Math.min(chunk.length, total - written));
    hash.update(part);
    written += part.length;
    if (!req.write(part)) await new Promise((r) => req.once('drain', r));
    if (onWritten) await onWritten(written);
  }
  req.end();
  return hash.digest('hex');
}

describe('浏览器主机：佐证材料上传（POST /api/upload/evidence）', () => {
  it('上传的文件按内容存入材料库，原文件名（中文、空格、括号）、类型、日期、说明原样记录', async () => {
    const r = await start();
    const bytes = Buffer.from('党组会议纪要（2026年第1次）\n研究部署整改工作。\n', 'utf8');
    const name = '党组会 纪要（第1次）[定稿].txt';
    const reply = await request(r.host, {
      path: uploadPath({ measureId: r.measureId, name, type: '会议纪要', date: '2026-01-15', note: '会议通过', addedBy: '办公室 张三' }),
      headers: { 'x-rectify-token': TOKEN, 'content-type': 'application/octet-stream', 'content-length': bytes.length },
      body: bytes,
    });
    const result = okResult(reply);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(result.sha256).toBe(sha);
    expect(result.size).toBe(bytes.length);
    expect(result.deduplicated).toBe(false);
    expect(result.attachment).toMatchObject({
      measureId: r.measureId,
      originalName: name,
      type: '会议纪要',
      date: '2026-01-15',
      note: '会议通过',
      addedBy: '办公室 张三',
      removedAt: null,
    });
    expect(readFileSync(blobPath(r.dataDir, sha)).equals(bytes)).toBe(true);
    expect(tempFiles(r.dataDir)).toEqual([]);

    // The same bytes again: a second attachment, one stored file.
    const again = okResult(
      await request(r.host, {
        path: uploadPath({ measureId: r.measureId, name: '副本.txt' }),
        headers: { 'x-rectify-token': TOKEN, 'content-length': bytes.length },
        body: bytes,
      }),
    );
    expect(again.sha256).toBe(sha);
    expect(again.deduplicated).toBe(true);
    expect(again.attachmentId).not.toBe(result.attachmentId);
  });

  it('大文件边收边写入：请求发到一半时，已收到的部分已在磁盘上、不在内存里；收完后校验值与内容一致', async () => {
    const r = await start();
    const total = 72 * 1024 * 1024;
    const half = 36 * 1024 * 1024;
    const gc = exposeGc();
    gc();
    const before = process.memoryUsage();
    let onDiskAtHalf = 0;
    let retainedAtHalf = Number.POSITIVE_INFINITY;
    let expectedSha = '';
    const reply = await request(r.host, {
      path: uploadPath({ measureId: r.measureId, name: '整改工作视频（全程）.mp4', type: '其他' }),
      headers: { 'x-rectify-token': TOKEN, 'content-length': total },
      body: async (req) => {
        expectedSha = await writePattern(req, total, async (written) => {
          if (written !== half) return;
          // Stop sending until the server has written what it received.
          const deadline = Date.now() + 20_000;
          while (Date.now() < deadline) {
            const temps = tempFiles(r.dataDir);
            onDiskAtHalf = temps.length === 1 ? statSync(path.join(tempRoot(r.dataDir), temps[0]!)).size : 0;
            if (onDiskAtHalf >= half - 4 * 1024 * 1024) break;
            await new Promise((res) => setTimeout(res, 20));
          }
          // Client and server share this process: whatever the server kept of the 36 MB is still reachable.
          gc();
          // Array buffers are swept after the collection; a second pass counts what is really still held.
          await new Promise((res) => setTimeout(res, 50));
          gc();
          const now = process.memoryUsage();
          retainedAtHalf = now.heapUsed + now.arrayBuffers - (before.heapUsed + before.arrayBuffers);
        });
      },
    });
    const result = okResult(reply);
    expect(result.size).toBe(total);
    expect(result.sha256).toBe(expectedSha);
    expect(onDiskAtHalf).toBeGreaterThanOrEqual(half - 4 * 1024 * 1024);
    expect(retainedAtHalf).toBeLessThan(12 * 1024 * 1024);
    expect(statSync(blobPath(r.dataDir, expectedSha)).size).toBe(total);
    expect(tempFiles(r.dataDir)).toEqual([]);
  });

  it('上传中途断开：不留下半截文件，也不产生材料记录', async () => {
    const r = await start();
    const total = 8 * 1024 * 1024;
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: r.host.port,
        method: 'POST',
        path: uploadPath({ measureId: r.measureId, name: '半截.pdf' }),
        headers: { host: `127.0.0.1:${r.host.port}`, 'x-rectify-token': TOKEN, 'content-length': total },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1024 * 1024, 1), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200);
      });
    });
    // The server notices the reset asynchronously.
    const deadline = Date.now() + 5000;
    while (tempFiles(r.dataDir).length > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(tempFiles(r.dataDir)).toEqual([]);
    const rows = r.services.context.db.prepare('SELECT COUNT(*) AS n FROM attachments').get() as { n: number };
    expect(rows.n).toBe(0);
  });

  it('与 /api/rpc 相同的把关：缺少或错误令牌 401，外来 Host 或 Origin 403，非 POST 405', async () => {
    const r = await start();
    const p = uploadPath({ measureId: r.measureId, name: 'a.txt' });
    const body = Buffer.from('x');
    expect((await request(r.host, { path: p, body })).status).toBe(401);
    expect((await request(r.host, { path: p, headers: { 'x-rectify-token': 'x'.repeat(48) }, body })).status).toBe(401);
    expect((await request(r.host, { path: p, headers: { 'x-rectify-token': TOKEN, host: 'evil.example:80' }, body })).status).toBe(403);
    expect((await request(r.host, { path: p, headers: { 'x-rectify-token': TOKEN, origin: 'http://evil.example' }, body })).status).toBe(403);
    expect((await request(r.host, { method: 'GET', path: p, headers: { 'x-rectify-token': TOKEN } })).status).toBe(405);
    // Same-origin requests from the page pass.
    const fromPage = await request(r.host, {
      path: p,
      headers: { 'x-rectify-token': TOKEN, origin: `http://127.0.0.1:${r.host.port}`, 'content-length': 1 },
      body,
    });
    expect(okResult(fromPage).size).toBe(1);
    const rows = r.services.context.db.prepare('SELECT COUNT(*) AS n FROM attachments').get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('参数有误给出中文提示且不写入任何内容：未知措施、缺文件名、类型不在清单内、日期格式不对', async () => {
    const r = await start();
    const body = Buffer.from('内容');
    const headers = { 'x-rectify-token': TOKEN, 'content-length': body.length };
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ measureId: 'no-such-measure', name: 'a.txt' }, 'not_found', /找不到整改措施/],
      [{ measureId: r.measureId }, 'bad_input', /文件名/],
      [{ measureId: r.measureId, name: 'a.txt', type: '通知' }, 'bad_input', /材料类型只能是/],
      [{ measureId: r.measureId, name: 'a.txt', date: '2026/1/15' }, 'bad_input', /日期格式/],
    ];
    for (const [params, code, message] of cases) {
      const env = envelope(await request(r.host, { path: uploadPath(params), headers, body }));
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe(code);
        expect(env.error.message).toMatch(message);
      }
    }
    const rows = r.services.context.db.prepare('SELECT COUNT(*) AS n FROM attachments').get() as { n: number };
    expect(rows.n).toBe(0);
    expect(tempFiles(r.dataDir)).toEqual([]);
  });
});

describe('浏览器主机：预览用的材料文件（GET /api/evidence/file）', () => {
  it('按材料编号返回原内容和类型；需要令牌；未知编号 404；不能内嵌显示的类型作为下载', async () => {
    const r = await start();
    const pdf = Buffer.from('%PDF-1.4\n%测试\n', 'utf8');
    const up = okResult(
      await request(r.host, {
        path: uploadPath({ measureId: r.measureId, name: '整改通知（印发稿）.pdf', type: '印发文件' }),
        headers: { 'x-rectify-token': TOKEN, 'content-length': pdf.length },
        body: pdf,
      }),
    );
    const file = (id: string, token = TOKEN) => `/api/evidence/file?${new URLSearchParams({ id, token }).toString()}`;
    const got = await request(r.host, { method: 'GET', path: file(up.attachmentId) });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('整改通知（印发稿）.pdf')}`);
    expect(got.body.equals(pdf)).toBe(true);

    expect((await request(r.host, { method: 'GET', path: file(up.attachmentId, 'x'.repeat(48)) })).status).toBe(401);
    expect((await request(r.host, { method: 'GET', path: file('no-such-id') })).status).toBe(404);
    expect((await request(r.host, { method: 'POST', path: file(up.attachmentId) })).status).toBe(405);

    const html = Buffer.from('<script>alert(1)</script>');
    const page = okResult(
      await request(r.host, {
        path: uploadPath({ measureId: r.measureId, name: '网页.html' }),
        headers: { 'x-rectify-token': TOKEN, 'content-length': html.length },
        body: html,
      }),
    );
    const served = await request(r.host, { method: 'GET', path: file(page.attachmentId) });
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(String(served.headers['content-disposition'])).toMatch(/^attachment;/);
  });
});

describe('浏览器主机：报告和佐证材料包下载（POST /api/download/… 准备，GET /api/download/file 取一次）', () => {
  async function prepare(r: Running, kind: string, planId: string, token = TOKEN): Promise<Reply> {
    return request(r.host, { path: `/api/download/${kind}?${new URLSearchParams({ planId }).toString()}`, headers: { 'x-rectify-token': token }, body: Buffer.alloc(0) });
  }
  const fetchTicket = (r: Running, ticket: string, token = TOKEN) =>
    request(r.host, { method: 'GET', path: `/api/download/file?${new URLSearchParams({ ticket, token }).toString()}` });

  it('整改落实情况报告下载为 .docx（文件名取报告标题），链接只能用一次', async () => {
    const r = await start();
    const planId = (await r.services.call('plans.list', {}))[0]!.id;
    const prepared = envelope(await prepare(r, 'report', planId));
    if (!prepared.ok) throw new Error(prepared.error.message);
    const { ticket, fileName } = prepared.result as { ticket: string; fileName: string };
    expect(fileName).toBe('关于巡察反馈问题整改落实情况的报告.docx');
    const got = await fetchTicket(r, ticket);
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    const entries = await unzipBuffer(got.body);
    const xml = entries.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('落实第一议题制度');
    expect((await fetchTicket(r, ticket)).status).toBe(404);
  });

  it('佐证材料包下载为 .zip：文件按措施编号和类型改名，附佐证材料目录', async () => {
    const r = await start();
    const planId = (await r.services.call('plans.list', {}))[0]!.id;
    const bytes = Buffer.from('会议纪要正文');
    okResult(
      await request(r.host, {
        path: uploadPath({ measureId: r.measureId, name: '党组会纪要.txt', type: '会议纪要', date: '2026-01-15' }),
        headers: { 'x-rectify-token': TOKEN, 'content-length': bytes.length },
        body: bytes,
      }),
    );
    const prepared = envelope(await prepare(r, 'evidence-package', planId));
    if (!prepared.ok) throw new Error(prepared.error.message);
    const { ticket, fileName } = prepared.result as { ticket: string; fileName: string };
    expect(fileName).toBe('关于巡察反馈问题的整改方案_佐证材料.zip');
    const got = await fetchTicket(r, ticket);
    expect(got.headers['content-type']).toBe('application/zip');
    const entries = await unzipBuffer(got.body);
    const names = [...entries.keys()];
    const packaged = names.find((n) => n.endsWith('一-1_会议纪要_20260115.txt'));
    expect(packaged, names.join(', ')).toBeDefined();
    expect(entries.get(packaged!)!.equals(bytes)).toBe(true);
    expect(names.some((n) => n.includes('佐证材料目录'))).toBe(true);
  });

  it('未知方案给出中文错误；缺少令牌 401；未知或伪造的下载票据 404', async () => {
    const r = await start();
    const env = envelope(await prepare(r, 'report', 'no-such-plan'));
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.code).toBe('not_found');
    expect((await prepare(r, 'report', 'x', 'y'.repeat(48))).status).toBe(401);
    expect((await fetchTicket(r, 'forged')).status).toBe(404);
    expect((await fetchTicket(r, 'forged', 'y'.repeat(48))).status).toBe(401);
  });
});
