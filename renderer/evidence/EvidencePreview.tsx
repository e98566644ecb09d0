import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Modal, Skeleton, Typography } from 'antd';
import type { Attachment } from '../../shared/api/evidence.ts';
import { api, errorMessage } from '../api/client.ts';
import { fromBase64 } from '../api/platform.ts';
import { formatSize } from '../progress/labels.ts';
import { PdfPages } from './PdfPages.tsx';
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

type Loaded = { kind: 'image'; url: string } | { kind: 'text'; text: string; truncated: boolean };

/** What can be shown at once, without reading the file; null when it has to be loaded first. */
function initialState(a: Attachment): { loaded: Loaded | null; error: string | null } {
  const kind = previewKind(a);
  // PDFs load and render in PdfPages (pdf.js on canvas), with their own size limit and messages.
  if (kind === 'pdf') return { loaded: null, error: null };
  if (kind !== 'none' && a.size > PREVIEW_LIMIT) return { loaded: null, error: `文件较大（${formatSize(a.size)}），无法在程序内预览` };
  return { loaded: null, error: null };
}

/** 预览: images, PDFs and text inside the app; in the desktop app also a copy opened by the system program. */
export function EvidencePreview({ attachment, onClose }: { attachment: Attachment | null; onClose: () => void }) {
  const { message } = AntApp.useApp();
  const openWithSystem = async (a: Attachment): Promise<void> => {
    try {
      await window.rectify?.openAttachment(a.id);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
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
          {attachment && !isBrowserHost() && <Button onClick={() => void openWithSystem(attachment)}>用系统程序打开</Button>}
          <Button type="primary" onClick={onClose}>
            关闭
          </Button>
        </>
      }
      destroyOnHidden
    >
      {attachment && <PreviewBody key={attachment.id} attachment={attachment} />}
    </Modal>
  );
}

function PreviewBody({ attachment }: { attachment: Attachment }) {
  const [state, setState] = useState(() => initialState(attachment));
  const kind = previewKind(attachment);

  useEffect(() => {
    if ((kind !== 'image' && kind !== 'text') || state.loaded !== null || state.error !== null) return;
    let revoke: string | null = null;
    let cancelled = false;
    void (async () => {
      try {
        const { dataBase64 } = await api.send('evidence.read', { attachmentId: attachment.id, maxBytes: PREVIEW_LIMIT });
        if (cancelled) return;
        const bytes = fromBase64(dataBase64);
        if (kind === 'image') {
          revoke = URL.createObjectURL(new Blob([bytes as BlobPart], { type: attachment.mime }));
          setState({ loaded: { kind: 'image', url: revoke }, error: null });
        } else {
          const truncated = bytes.length > TEXT_LIMIT;
          setState({ loaded: { kind: 'text', text: decodeText(truncated ? bytes.subarray(0, TEXT_LIMIT) : bytes), truncated }, error: null });
        }
      } catch (err) {
        if (!cancelled) setState({ loaded: null, error: errorMessage(err) });
      }
    })();
    return () => {
      cancelled = true;
      if (revoke) URL.revokeObjectURL(revoke);
    };
    // Loads once per attachment (the body is keyed by its id).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attachment.id]);

  const { loaded, error } = state;
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {attachment.type} · {formatSize(attachment.size)}
        {attachment.date ? ` · ${attachment.date}` : ''}
        {attachment.note ? ` · ${attachment.note}` : ''}
      </Typography.Paragraph>
      {error && <Alert type="warning" showIcon title={error} />}
      {kind === 'none' && !error && (
        <Alert
          type="info"
          showIcon
          title="这类文件无法在程序内预览"
          description={isBrowserHost() ? '可点击“下载副本”后用相应程序打开。' : '请点击“用系统程序打开”。'}
        />
      )}
      {kind === 'pdf' && <PdfPages attachment={attachment} browserHost={isBrowserHost()} />}
      {kind !== 'none' && kind !== 'pdf' && !loaded && !error && <Skeleton active />}
      {loaded?.kind === 'image' && (
        <div className="evidence-preview-image">
          <img src={loaded.url} alt={attachment.originalName} />
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
    </>
  );
}
