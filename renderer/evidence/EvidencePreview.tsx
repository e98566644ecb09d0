import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Skeleton, Typography } from 'antd';
import type { Attachment } from '../../shared/api/evidence.ts';
import { api, errorMessage } from '../api/client.ts';
import { fromBase64 } from '../api/platform.ts';
import { formatSize } from '../progress/labels.ts';
import { evidenceFileUrl, isBrowserHost } from './transfer.ts';

/** Largest file read into the page for a preview; bigger ones open in the system application. */
const PREVIEW_LIMIT = 30 * 1024 * 1024;
const TEXT_LIMIT = 2 * 1024 * 1024;

export type PreviewKind = 'image' | 'pdf' | 'text' | 'none';

export function previewKind(a: Pick<Attachment, 'mime' | 'originalName'>): PreviewKind {
  const mime = a.mime.toLowerCase();
  const name = a.originalName.toLowerCase();
  if (/^image\/(png|jpeg|gif|webp|bmp)/.test(mime)) return 'image';
  if (mime.startsWith('application/pdf') || name.endsWith('.pdf')) return 'pdf';
  if (mime.startsWith('text/plain') || mime.startsWith('text/csv') || /\.(txt|csv|md|log)$/.test(name)) return 'text';
  return 'none';
}

/** Text files from Chinese offices are often GB18030; UTF-8 first, GB18030 when that fails. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

type Loaded = { kind: 'image'; url: string } | { kind: 'text'; text: string; truncated: boolean } | { kind: 'pdf'; url: string };

/** 预览: images, PDFs and text inside the app. */
export function EvidencePreview({ attachment, onClose }: { attachment: Attachment | null; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setLoaded(null);
    setError(null);
    if (!attachment) return;
    const kind = previewKind(attachment);
    let revoke: string | null = null;
    let cancelled = false;
    if (kind === 'none') return;
    if (kind === 'pdf') {
      // The browser host serves the stored file itself, so the browser's PDF viewer can show it.
      if (isBrowserHost()) setLoaded({ kind: 'pdf', url: evidenceFileUrl(attachment.id) });
      else setError('桌面版暂不能在程序内显示 PDF，请用系统程序打开');
      return;
    }
    if (attachment.size > (kind === 'text' ? TEXT_LIMIT * 8 : PREVIEW_LIMIT)) {
      setError(`文件较大（${formatSize(attachment.size)}），无法在程序内预览`);
      return;
    }
    void (async () => {
      try {
        const { dataBase64 } = await api.send('evidence.read', { attachmentId: attachment.id, maxBytes: PREVIEW_LIMIT });
        if (cancelled) return;
        const bytes = fromBase64(dataBase64);
        if (kind === 'image') {
          revoke = URL.createObjectURL(new Blob([bytes as BlobPart], { type: attachment.mime }));
          setLoaded({ kind: 'image', url: revoke });
        } else {
          const truncated = bytes.length > TEXT_LIMIT;
          setLoaded({ kind: 'text', text: decodeText(truncated ? bytes.subarray(0, TEXT_LIMIT) : bytes), truncated });
        }
      } catch (err) {
        if (!cancelled) setError(errorMessage(err));
      }
    })();
    return () => {
      cancelled = true;
      if (revoke) URL.revokeObjectURL(revoke);
    };
  }, [attachment]);

  const kind = attachment ? previewKind(attachment) : 'none';
  return (
    <Modal
      open={attachment !== null}
      title={attachment ? `预览：${attachment.originalName}` : '预览'}
      onCancel={onClose}
      width={900}
      footer={
        <>
          {attachment && isBrowserHost() && (
            <Button href={evidenceFileUrl(attachment.id)} download={attachment.originalName} target="_blank">
              下载副本
            </Button>
          )}
          <Button type="primary" onClick={onClose}>
            关闭
          </Button>
        </>
      }
      destroyOnHidden
    >
      {attachment && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {attachment.type} · {formatSize(attachment.size)}
          {attachment.date ? ` · ${attachment.date}` : ''}
          {attachment.note ? ` · ${attachment.note}` : ''}
        </Typography.Paragraph>
      )}
      {error && <Alert type="warning" showIcon title={error} />}
      {attachment && kind === 'none' && !error && (
        <Alert
          type="info"
          showIcon
          title="这类文件无法在程序内预览"
          description={isBrowserHost() ? '可点击“下载副本”后用相应程序打开。' : '请用系统程序打开（桌面版功能）。'}
        />
      )}
      {attachment && kind !== 'none' && !loaded && !error && <Skeleton active />}
      {loaded?.kind === 'image' && (
        <div className="evidence-preview-image">
          <img src={loaded.url} alt={attachment?.originalName ?? '图片'} />
        </div>
      )}
      {loaded?.kind === 'text' && (
        <>
          <pre className="evidence-preview-text" aria-label="文本内容">
            {loaded.text}
          </pre>
          {loaded.truncated && <Typography.Text type="secondary">（只显示前 2 MB）</Typography.Text>}
        </>
      )}
      {loaded?.kind === 'pdf' && <iframe className="evidence-preview-pdf" title={`PDF 预览：${attachment?.originalName ?? ''}`} src={loaded.url} />}
    </Modal>
  );
}
