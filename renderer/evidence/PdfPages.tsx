import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Skeleton, Space, Typography } from 'antd';
import type { Attachment } from '../../shared/api/evidence.ts';
import { api, errorMessage } from '../api/client.ts';
import { fromBase64 } from '../api/platform.ts';
import { formatSize } from '../progress/labels.ts';
import type { LoadedPdf } from './pdf-document.ts';

/** Largest PDF read into the page: its bytes travel as base64 through the RPC and are parsed in memory. */
export const PDF_PREVIEW_LIMIT = 30 * 1024 * 1024;

/** Width of a rendered page in CSS pixels (the dialog is 900 wide). */
const PAGE_WIDTH = 820;

export function pdfTooLargeMessage(size: number, browserHost: boolean): string {
  return `PDF 文件较大（${formatSize(size)}），为避免程序卡顿不在程序内预览，请点击${browserHost ? '“下载副本”后打开' : '“用系统程序打开”'}`;
}

/** A PDF drawn by pdf.js onto a canvas, one page at a time, with 上一页/下一页. */
export function PdfPages({ attachment, browserHost }: { attachment: Attachment; browserHost: boolean }) {
  const tooLarge = attachment.size > PDF_PREVIEW_LIMIT;
  const [pdf, setPdf] = useState<LoadedPdf | null>(null);
  const [error, setError] = useState<string | null>(tooLarge ? pdfTooLargeMessage(attachment.size, browserHost) : null);
  const [page, setPage] = useState(1);
  const [rendering, setRendering] = useState(true);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (tooLarge) return;
    let cancelled = false;
    let loaded: LoadedPdf | null = null;
    void (async () => {
      try {
        const [{ openPdf }, { dataBase64 }] = await Promise.all([
          import('./pdf-document.ts'),
          api.send('evidence.read', { attachmentId: attachment.id, maxBytes: PDF_PREVIEW_LIMIT }),
        ]);
        if (cancelled) return;
        loaded = await openPdf(fromBase64(dataBase64));
        if (cancelled) {
          void loaded.destroy();
          return;
        }
        setPdf(loaded);
      } catch (err) {
        if (!cancelled) setError(pdfError(err));
      }
    })();
    return () => {
      cancelled = true;
      if (loaded) void loaded.destroy();
    };
    // Loads once per attachment (the body is keyed by its id).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attachment.id]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!pdf || !canvas) return;
    setRendering(true);
    const task = pdf.render(page, canvas, PAGE_WIDTH);
    let current = true;
    task.promise.then(
      () => {
        if (current) setRendering(false);
      },
      (err: unknown) => {
        // A cancelled render (page turned again, dialog closed) is not an error.
        if (current) setError(pdfError(err));
      },
    );
    return () => {
      current = false;
      task.cancel();
    };
  }, [pdf, page]);

  if (error) return <Alert type="warning" showIcon title={error} />;
  return (
    <div className="evidence-preview-pdf">
      {!pdf && <Skeleton active />}
      {pdf && (
        <Space className="evidence-preview-pdf-nav" align="center">
          <Button size="small" disabled={page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
            上一页
          </Button>
          <Typography.Text aria-label="PDF 页码" aria-live="polite">
            第 {page} 页 / 共 {pdf.numPages} 页
          </Typography.Text>
          <Button size="small" disabled={page >= pdf.numPages} onClick={() => setPage((p) => Math.min(pdf.numPages, p + 1))}>
            下一页
          </Button>
          {rendering && <Typography.Text type="secondary">正在显示…</Typography.Text>}
        </Space>
      )}
      <div className="evidence-preview-pdf-page">
        <canvas ref={canvasRef} role="img" aria-label={`${attachment.originalName} 第 ${page} 页`} hidden={!pdf} data-rendered={pdf && !rendering ? page : undefined} />
      </div>
    </div>
  );
}

function pdfError(err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') return '这个 PDF 设有密码，无法在程序内预览';
  if (name === 'InvalidPDFException') return '文件不是有效的 PDF，或已损坏，无法在程序内预览';
  if (name === 'RenderingCancelledException') return '';
  return `PDF 无法在程序内预览：${errorMessage(err)}`;
}
