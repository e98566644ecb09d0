import { useCallback, useRef, useState, type DragEvent } from 'react';
import { App as AntApp, Alert, Button, DatePicker, Empty, Flex, Input, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EyeOutlined, InboxOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { EVIDENCE_TYPES, type Attachment, type EvidenceType } from '../../shared/api/evidence.ts';
import { api, errorMessage } from '../api/client.ts';
import { choosePaths } from '../api/platform.ts';
import { useQuery } from '../api/use-query.ts';
import { formatDateTime, formatSize } from '../progress/labels.ts';
import { attachDiskPath, attachFile, isBrowserHost, type Transfer } from './transfer.ts';
import { EvidencePreview } from './EvidencePreview.tsx';
import '../progress/tracking.css';

const TYPE_OPTIONS = EVIDENCE_TYPES.map((t) => ({ value: t, label: t }));
const AUTO = 'auto';

interface Upload {
  key: number;
  name: string;
  size: number;
  loaded: number;
  state: 'active' | 'done' | 'error';
  error?: string;
  transfer?: Transfer;
}

let uploadSeq = 0;

/**
 * 佐证材料 of one measure: add by dialog or by dropping several files at once (each with its own
 * progress bar), set 类型 / 日期 / 说明 per file, preview, remove with undo.
 */
export function EvidencePanel({ measureId, onChanged }: { measureId: string; onChanged?: () => void }) {
  const { message, notification } = AntApp.useApp();
  const [showRemoved, setShowRemoved] = useState(false);
  const list = useQuery(() => api.send('evidence.list', { measureId, includeRemoved: showRemoved }), [measureId, showRemoved]);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [defaultType, setDefaultType] = useState<EvidenceType | typeof AUTO>(AUTO);
  const [dragOver, setDragOver] = useState(false);
  const [preview, setPreview] = useState<Attachment | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const changed = useCallback(async () => {
    await list.reload();
    onChanged?.();
  }, [list, onChanged]);

  const patchUpload = (key: number, patch: Partial<Upload>): void =>
    setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...patch } : u)));

  const meta = () => (defaultType === AUTO ? {} : { type: defaultType });

  /** Every file starts at once, each with its own progress bar; the list refreshes as each one lands. */
  const startTransfers = useCallback(
    async (items: { name: string; size: number; start: (onProgress: (loaded: number, total: number) => void) => Transfer }[]) => {
      if (items.length === 0) return;
      const started = items.map((item) => {
        const key = ++uploadSeq;
        const transfer = item.start((loaded, total) => patchUpload(key, { loaded, ...(total > 0 ? { size: total } : {}) }));
        return { key, item, transfer };
      });
      setUploads((all) => [
        ...all.filter((u) => u.state === 'active'),
        ...started.map(({ key, item, transfer }) => ({ key, name: item.name, size: item.size, loaded: 0, state: 'active' as const, transfer })),
      ]);
      const results = await Promise.allSettled(
        started.map(async ({ key, transfer }) => {
          try {
            const r = await transfer.promise;
            patchUpload(key, { state: 'done', loaded: r.size, size: r.size });
            await list.reload();
            return r;
          } catch (err) {
            patchUpload(key, { state: 'error', error: errorMessage(err) });
            throw err;
          }
        }),
      );
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const failed = results.length - ok;
      if (ok > 0) message.success(failed > 0 ? `已添加 ${ok} 个文件，${failed} 个未能添加` : `已添加 ${ok} 个文件`);
      if (failed > 0 && ok === 0) message.error('文件未能添加，请查看下方提示');
      onChanged?.();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [list, onChanged],
  );

  const startFiles = (files: File[]): Promise<void> =>
    startTransfers(files.map((file) => ({ name: file.name, size: file.size, start: (onProgress) => attachFile(file, measureId, meta(), onProgress) })));

  const chooseFiles = async (): Promise<void> => {
    if (isBrowserHost()) {
      inputRef.current?.click();
      return;
    }
    try {
      // Paths only: the main process streams each file from disk, however large, reporting progress.
      const paths = (await choosePaths({ title: '选择佐证材料', filters: [{ name: '全部文件', extensions: ['*'] }], multiple: true })) ?? [];
      await startTransfers(
        paths.map((diskPath) => {
          const name = diskPath.split(/[\\/]/).pop() ?? diskPath;
          return { name, size: 0, start: (onProgress) => attachDiskPath(diskPath, name, measureId, meta(), onProgress) };
        }),
      );
    } catch (err) {
      notification.error({ title: '添加佐证材料失败', description: errorMessage(err) });
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length === 0) {
      message.warning('没有可添加的文件（文件夹请先打开，再选中其中的文件拖入）');
      return;
    }
    void startFiles(files);
  };

  const update = async (a: Attachment, patch: { type?: EvidenceType; date?: string | null; note?: string | null }): Promise<void> => {
    try {
      await api.send('evidence.update', { attachmentId: a.id, ...patch });
      await changed();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const remove = async (a: Attachment): Promise<void> => {
    try {
      await api.send('evidence.remove', { attachmentId: a.id });
      await changed();
      const key = `removed-${a.id}`;
      message.open({
        key,
        type: 'info',
        duration: 8,
        content: (
          <span>
            已移除「{a.originalName}」{' '}
            <Button
              size="small"
              type="link"
              onClick={() => {
                message.destroy(key);
                void restore(a);
              }}
            >
              撤销
            </Button>
          </span>
        ),
      });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const restore = async (a: Attachment): Promise<void> => {
    try {
      await api.send('evidence.restore', { attachmentId: a.id });
      message.success(`已恢复「${a.originalName}」`);
      await changed();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const rows = list.data ?? [];
  const activeUploads = uploads.filter((u) => u.state !== 'done');

  return (
    <section aria-label="佐证材料" className="evidence-panel">
      <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          佐证材料
        </Typography.Title>
        <Button icon={<PaperClipOutlined aria-hidden />} onClick={() => void chooseFiles()}>
          选择文件
        </Button>
        <Select
          aria-label="新添加材料的类型"
          style={{ width: 150 }}
          value={defaultType}
          onChange={(v) => setDefaultType(v)}
          options={[{ value: AUTO, label: '按文件名识别类型' }, ...TYPE_OPTIONS]}
        />
        <Space style={{ marginLeft: 'auto' }}>
          <Switch size="small" checked={showRemoved} onChange={setShowRemoved} aria-label="显示已移除的材料" />
          <span>显示已移除</span>
        </Space>
      </Flex>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        aria-label="选择要添加的佐证材料文件"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void startFiles(files);
        }}
      />
      <div
        role="region"
        aria-label="拖放文件到此处添加佐证材料"
        className={`evidence-drop${dragOver ? ' evidence-drop-over' : ''}`}
        onDragEnter={(e) => {
          e.preventDefault();
          setDragOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
      >
        <InboxOutlined aria-hidden style={{ fontSize: 24, color: '#1677ff' }} />
        <div>把文件拖到这里（可一次多个），或点击“选择文件”</div>
      </div>
      {activeUploads.length > 0 && (
        <ul className="upload-list" aria-label="正在添加的文件">
          {activeUploads.map((u) => (
            <li key={u.key}>
              <Flex align="center" gap={8}>
                <span className="upload-name">{u.name}</span>
                {u.state === 'active' && (
                  <>
                    <Progress
                      aria-label={`「${u.name}」添加进度`}
                      percent={u.size > 0 ? Math.min(99, Math.floor((u.loaded / u.size) * 100)) : 50}
                      size="small"
                      style={{ flex: 1, margin: 0 }}
                    />
                    {u.transfer && (
                      <Button size="small" onClick={() => u.transfer?.abort()}>
                        取消
                      </Button>
                    )}
                  </>
                )}
                {u.state === 'error' && (
                  <>
                    <Alert type="error" showIcon title={u.error} style={{ flex: 1, padding: '2px 8px' }} />
                    <Button size="small" onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}>
                      关闭
                    </Button>
                  </>
                )}
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {list.error && <Alert type="error" showIcon title="无法读取佐证材料" description={list.error} />}
      <Table<Attachment>
        size="small"
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={false}
        aria-label="佐证材料列表"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有佐证材料" /> }}
        rowClassName={(a) => (a.removedAt ? 'evidence-removed' : '')}
        columns={[
          {
            title: '文件名',
            key: 'name',
            render: (_, a) => (
              <Space orientation="vertical" size={0}>
                <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setPreview(a)}>
                  {a.originalName}
                </Button>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatSize(a.size)} · {formatDateTime(a.addedAt)}
                  {a.addedBy ? ` · ${a.addedBy}` : ''}
                  {a.removedAt ? ' · 已移除' : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '类型',
            key: 'type',
            width: 130,
            render: (_, a) => (
              <Select
                aria-label={`「${a.originalName}」的材料类型`}
                size="small"
                style={{ width: 118 }}
                value={a.type}
                disabled={a.removedAt !== null}
                options={TYPE_OPTIONS}
                onChange={(type) => void update(a, { type })}
              />
            ),
          },
          {
            title: '日期',
            key: 'date',
            width: 140,
            render: (_, a) => (
              <DatePicker
                aria-label={`「${a.originalName}」的日期`}
                size="small"
                style={{ width: 128 }}
                value={a.date ? dayjs(a.date) : null}
                disabled={a.removedAt !== null}
                placeholder="材料日期"
                onChange={(d) => void update(a, { date: d ? d.format('YYYY-MM-DD') : null })}
              />
            ),
          },
          {
            title: '说明',
            key: 'note',
            render: (_, a) => <NoteInput attachment={a} onSave={(note) => void update(a, { note })} />,
          },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_, a) =>
              a.removedAt ? (
                <Button size="small" icon={<RollbackOutlined aria-hidden />} onClick={() => void restore(a)} aria-label={`恢复「${a.originalName}」`}>
                  恢复
                </Button>
              ) : (
                <Space size={4}>
                  <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setPreview(a)} aria-label={`预览「${a.originalName}」`}>
                    预览
                  </Button>
                  <Button size="small" danger icon={<DeleteOutlined aria-hidden />} onClick={() => void remove(a)} aria-label={`移除「${a.originalName}」`}>
                    移除
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {rows.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          共 {rows.filter((a) => !a.removedAt).length} 个文件
          {rows.some((a) => a.removedAt) ? <Tag style={{ marginLeft: 8 }}>含已移除</Tag> : null}
        </Typography.Text>
      )}
      <EvidencePreview attachment={preview} onClose={() => setPreview(null)} />
    </section>
  );
}

function NoteInput({ attachment, onSave }: { attachment: Attachment; onSave: (note: string | null) => void }) {
  const [value, setValue] = useState(attachment.note ?? '');
  const [lastSaved, setLastSaved] = useState(attachment.note ?? '');
  if ((attachment.note ?? '') !== lastSaved) {
    setLastSaved(attachment.note ?? '');
    setValue(attachment.note ?? '');
  }
  const save = (): void => {
    const next = value.trim();
    if (next === (attachment.note ?? '')) return;
    onSave(next === '' ? null : next);
  };
  return (
    <Input
      size="small"
      aria-label={`「${attachment.originalName}」的说明`}
      placeholder="说明（可选）"
      value={value}
      disabled={attachment.removedAt !== null}
      maxLength={2000}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onPressEnter={save}
    />
  );
}
