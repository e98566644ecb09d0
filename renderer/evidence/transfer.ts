import type { AttachMeta, AttachResult } from '../../shared/api/evidence.ts';
import { AttachResultSchema } from '../../shared/api/evidence.ts';
import type { RpcEnvelope } from '../../shared/api/bridge.ts';
import { AppError, fromWireError } from '../../shared/errors.ts';
import { api } from '../api/client.ts';
import { pathForFile, readPickedFile } from '../api/platform.ts';

/**
 * Moving evidence files between the user's disk and the store. The browser host streams the raw bytes
 * to POST /api/upload/evidence (XMLHttpRequest: fetch has no upload progress); the Electron app hands
 * the main process a path to stream from. Only when neither is possible does a small file travel as
 * base64 through the RPC.
 */

export const UPLOAD_PATH = './api/upload/evidence';
export const FILE_PATH = './api/evidence/file';
export const DOWNLOAD_PATH = './api/download';

/** Largest file sent through the RPC as base64 (a drop in Electron, where the bridge gives no path). */
export const INLINE_LIMIT = 50 * 1024 * 1024;

export interface Transfer {
  promise: Promise<AttachResult>;
  abort(): void;
}

export function isBrowserHost(): boolean {
  return window.rectify === undefined;
}

function token(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="rectify-token"]')?.content ?? '';
}

function metaParams(meta: AttachMeta): Record<string, string> {
  const out: Record<string, string> = {};
  if (meta.type) out.type = meta.type;
  if (meta.date) out.date = meta.date;
  if (meta.note) out.note = meta.note;
  if (meta.addedBy) out.addedBy = meta.addedBy;
  return out;
}

/** Streams one dropped or chosen file to the browser host, reporting progress. */
function uploadOverHttp(file: File, measureId: string, meta: AttachMeta, onProgress: (loaded: number, total: number) => void): Transfer {
  const xhr = new XMLHttpRequest();
  const params = new URLSearchParams({ measureId, name: file.name, ...metaParams(meta) });
  const promise = new Promise<AttachResult>((resolve, reject) => {
    xhr.open('POST', `${UPLOAD_PATH}?${params.toString()}`);
    xhr.setRequestHeader('x-rectify-token', token());
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new AppError('io', `上传「${file.name}」失败：无法连接到工作台服务`));
    xhr.onabort = () => reject(new AppError('io', `已取消上传「${file.name}」`, { aborted: true }));
    xhr.onload = () => {
      if (xhr.status !== 200) return reject(new AppError('io', `工作台服务拒绝了上传（${xhr.status}）：${xhr.responseText}`));
      let envelope: RpcEnvelope;
      try {
        envelope = JSON.parse(xhr.responseText) as RpcEnvelope;
      } catch {
        return reject(new AppError('internal', '上传后服务返回的内容无法识别'));
      }
      if (!envelope.ok) return reject(fromWireError(envelope.error));
      const parsed = AttachResultSchema.safeParse(envelope.result);
      if (!parsed.success) return reject(new AppError('internal', '上传后服务返回的数据不符合约定'));
      onProgress(file.size, file.size);
      resolve(parsed.data);
    };
    // The File is sent as it is read from disk; the page never holds its bytes.
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

/** A File from a drop or a file input, attached to a measure by whichever route the host offers. */
export function attachFile(file: File, measureId: string, meta: AttachMeta, onProgress: (loaded: number, total: number) => void): Transfer {
  if (isBrowserHost()) return uploadOverHttp(file, measureId, meta, onProgress);
  // Electron: the main process streams the file from its disk path (no size limit, never in memory).
  const diskPath = pathForFile(file);
  if (diskPath) return attachDiskPath(diskPath, file.name, measureId, meta, onProgress);
  // A File with no disk path (e.g. dragged out of another program's memory): only small ones travel inline.
  if (file.size > INLINE_LIMIT) {
    return {
      promise: Promise.reject(
        new AppError('bad_input', `「${file.name}」超过50 MB，拖放无法添加，请点击“选择文件”添加（桌面版将直接从磁盘复制）`),
      ),
      abort: () => undefined,
    };
  }
  let cancelled = false;
  const promise = (async () => {
    const picked = await readPickedFile(file);
    if (cancelled) throw new AppError('io', `已取消上传「${file.name}」`, { aborted: true });
    onProgress(file.size / 2, file.size);
    const result = await api.send('evidence.attachData', { measureId, originalName: file.name, dataBase64: picked.dataBase64, ...meta });
    onProgress(file.size, file.size);
    return result;
  })();
  return { promise, abort: () => void (cancelled = true) };
}

/** URL of a stored file on the browser host (preview frames, downloads). */
export function evidenceFileUrl(attachmentId: string): string {
  return `${FILE_PATH}?${new URLSearchParams({ id: attachmentId, token: token() }).toString()}`;
}

/**
 * A file the host builds and streams (the report, the evidence package): the browser downloads it
 * under the name the host gives. Resolves once the host answered, so errors show as Chinese messages.
 */
export async function downloadFromHost(kind: 'report' | 'evidence-package' | 'plan-package', params: Record<string, string>): Promise<string> {
  const url = `${DOWNLOAD_PATH}/${kind}?${new URLSearchParams({ ...params, token: token() }).toString()}`;
  // HEAD-less check: ask the host to prepare the file, then hand the link to the browser's downloader.
  const res = await fetch(url, { method: 'POST', headers: { 'x-rectify-token': token() } });
  if (!res.ok) throw new AppError('io', `导出失败（${res.status}）`);
  const envelope = (await res.json()) as RpcEnvelope;
  if (!envelope.ok) throw fromWireError(envelope.error);
  const { ticket, fileName } = envelope.result as { ticket: string; fileName: string };
  const a = document.createElement('a');
  a.href = `${DOWNLOAD_PATH}/file?${new URLSearchParams({ ticket, token: token() }).toString()}`;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return fileName;
}

let transferSeq = 0;

/**
 * A file on this computer's disk (desktop app: a drop or the file dialog), copied in by the services
 * from its path. The copy's progress is asked for while it runs, so the bar moves for large files too.
 */
export function attachDiskPath(
  diskPath: string,
  name: string,
  measureId: string,
  meta: AttachMeta,
  onProgress: (loaded: number, total: number) => void,
): Transfer {
  const transferId = `t${Date.now().toString(36)}-${++transferSeq}`;
  let finished = false;
  const poll = async (): Promise<void> => {
    while (!finished) {
      await new Promise((r) => setTimeout(r, 150));
      if (finished) return;
      const p = await api.send('evidence.transferProgress', { transferId }).catch(() => null);
      if (p && !finished) onProgress(p.bytes, p.total ?? p.bytes);
    }
  };
  void poll();
  const promise = api
    .send('evidence.attachPath', { measureId, path: diskPath, originalName: name, transferId, ...meta })
    .then((result) => {
      onProgress(result.size, result.size);
      return result;
    })
    .finally(() => {
      finished = true;
    });
  // The copy runs in the main process; once started it finishes (or fails) on its own.
  return { promise, abort: () => undefined };
}
