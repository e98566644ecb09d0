import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Col, Empty, Flex, Input, List, Modal, Progress, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import { FileTextOutlined, ImportOutlined } from '@ant-design/icons';
import type { ImportCorrections, ImportPreview } from '../../shared/api/import.ts';
import { NoteTip, RecognitionNotes, notesByLine, type NoteActions } from './RecognitionNotes.tsx';
import { IMPORT_ENCODINGS, IMPORT_ENCODING_LABELS } from '../../shared/api/import.ts';
import type { DocNode } from '../../shared/domain/document.ts';
import { STATUS_LABELS } from '../../shared/domain/status.ts';
import { computeMarkers } from '../../shared/numbering.ts';
import { api, errorMessage } from '../api/client.ts';
import { openFiles } from '../api/platform.ts';
import { navigate } from '../router.ts';

type Encoding = (typeof IMPORT_ENCODINGS)[number];

interface Item {
  name: string;
  /** file bytes (base64); absent for pasted text */
  dataBase64?: string;
  text?: string;
  encoding: Encoding;
  /** One-click corrections made in the preview; the item is recognised again with them */
  corrections: Required<ImportCorrections>;
  preview?: ImportPreview;
  error?: string;
}

const NO_CORRECTIONS: Required<ImportCorrections> = { demote: [], restore: [] };

const FILTERS = [{ name: '方案文件', extensions: ['txt', 'docx', 'doc', 'wps', 'html', 'htm'] }];

async function recognise(item: Item): Promise<Item> {
  try {
    const preview =
      item.dataBase64 !== undefined
        ? await api.send('import.parseFile', { fileName: item.name, dataBase64: item.dataBase64, encoding: item.encoding, corrections: item.corrections })
        : await api.send('import.parseText', { text: item.text ?? '', corrections: item.corrections });
    return { ...item, preview, error: undefined };
  } catch (err) {
    return { ...item, preview: undefined, error: errorMessage(err) };
  }
}

/** 导入: choose files or paste text → preview (source | recognised outline) → 确认导入 or 取消. */
export function ImportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<ImportOutlined aria-hidden />} onClick={() => setOpen(true)}>
        导入
      </Button>
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function ImportDialog(props: { onClose: () => void }) {
  const { message } = AntApp.useApp();
  const [items, setItems] = useState<Item[]>([]);
  const [current, setCurrent] = useState(0);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number; label: string } | null>(null);

  const recogniseAll = async (next: Item[]): Promise<void> => {
    setItems(next);
    setCurrent(0);
    const out: Item[] = [];
    for (let i = 0; i < next.length; i++) {
      setProgress({ done: i, total: next.length, label: '正在识别' });
      out.push(await recognise(next[i]!));
      setItems([...out, ...next.slice(i + 1)]);
    }
    setProgress(null);
  };

  const chooseFiles = async (): Promise<void> => {
    const files = await openFiles({ title: '选择要导入的方案文件', filters: FILTERS, multiple: true });
    if (files.length === 0) return;
    setPasting(false);
    await recogniseAll(files.map((f) => ({ name: f.name, dataBase64: f.dataBase64, encoding: 'auto', corrections: NO_CORRECTIONS })));
  };

  const changeEncoding = async (encoding: Encoding): Promise<void> => {
    const item = items[current];
    if (!item) return;
    const updated = await recognise({ ...item, encoding });
    setItems(items.map((x, i) => (i === current ? updated : x)));
  };

  /** Demote an inferred heading or restore a dropped line: recognised again, the reading the user chose. */
  const correct = async (change: Partial<ImportCorrections>): Promise<void> => {
    const item = items[current];
    if (!item) return;
    const corrections = {
      demote: [...item.corrections.demote, ...(change.demote ?? [])],
      restore: [...item.corrections.restore, ...(change.restore ?? [])],
    };
    const updated = await recognise({ ...item, corrections });
    setItems(items.map((x, i) => (i === current ? updated : x)));
  };

  const ready = items.filter((i) => i.preview);
  const confirm = async (): Promise<void> => {
    const ids: string[] = [];
    try {
      for (let i = 0; i < ready.length; i++) {
        setProgress({ done: i, total: ready.length, label: '正在导入' });
        ids.push((await api.send('import.commit', { document: ready[i]!.preview!.document })).planId);
      }
    } catch (err) {
      message.error(`导入失败：${errorMessage(err)}`);
      setProgress(null);
      return;
    }
    setProgress(null);
    message.success(ids.length === 1 ? '已导入方案' : `已导入 ${ids.length} 个方案`);
    props.onClose();
    if (ids[0]) navigate({ name: 'plan', id: ids[0] });
  };

  const item = items[current];
  return (
    <Modal
      open
      title="导入方案"
      width={1180}
      onCancel={props.onClose}
      maskClosable={false}
      // The dialog scrolls inside, so 确认导入 stays on screen at 1366×768 however long the preview is.
      style={{ top: 16 }}
      styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto' } }}
      footer={
        <Space>
          {/* The count sits beside the button, so the button is always named exactly 确认导入 (the word). */}
          {ready.length > 1 && <Typography.Text type="secondary">共 {ready.length} 个文件可导入</Typography.Text>}
          <Button onClick={props.onClose}>取消</Button>
          <Button type="primary" disabled={ready.length === 0 || progress !== null} onClick={() => void confirm()}>
            确认导入
          </Button>
        </Space>
      }
    >
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Button icon={<FileTextOutlined aria-hidden />} onClick={() => void chooseFiles()}>
          选择文件
        </Button>
        <Button onClick={() => setPasting(!pasting)}>粘贴文字</Button>
        <Typography.Text type="secondary">支持 .txt（任意中文编码）、.docx、.doc、.wps，也可以粘贴从 Word、WPS 或网页复制的文字</Typography.Text>
      </Flex>
      {pasting && (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Input.TextArea aria-label="粘贴的文字" rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder="在此粘贴方案全文" />
          <div>
            <Button
              type="primary"
              disabled={pasted.trim() === ''}
              onClick={() => {
                setPasting(false);
                void recogniseAll([{ name: '粘贴的文字', text: pasted, encoding: 'auto', corrections: NO_CORRECTIONS }]);
              }}
            >
              识别
            </Button>
          </div>
        </Flex>
      )}
      {progress && (
        <Progress
          aria-label={progress.label}
          percent={Math.round((progress.done / Math.max(1, progress.total)) * 100)}
          format={() => `${progress.label} ${progress.done}/${progress.total}`}
        />
      )}
      {items.length > 1 && (
        <List
          size="small"
          style={{ marginBottom: 12 }}
          dataSource={items}
          renderItem={(x, i) => (
            <List.Item onClick={() => setCurrent(i)} style={{ cursor: 'pointer', fontWeight: i === current ? 600 : 400 }}>
              {x.name}{'\u3000'}{x.error ? <Tag color="red">无法导入</Tag> : x.preview ? <Tag color="green">措施 {x.preview.counts.measures} 项</Tag> : <Tag>等待识别</Tag>}
            </List.Item>
          )}
        />
      )}
      {!item && !pasting && <Empty description="请选择文件或粘贴文字" />}
      {item?.error && <Alert type="error" showIcon title={`“${item.name}”无法导入`} description={item.error} />}
      {item?.preview && (
        <Preview
          preview={item.preview}
          encoding={item.encoding}
          canChooseEncoding={item.dataBase64 !== undefined && (item.preview.fileKind === 'text' || item.preview.fileKind === 'html')}
          onEncoding={(e) => void changeEncoding(e)}
          actions={{ demote: (line) => void correct({ demote: [line] }), restore: (line) => void correct({ restore: [line] }) }}
        />
      )}
    </Modal>
  );
}

function Preview(props: {
  preview: ImportPreview;
  encoding: Encoding;
  canChooseEncoding: boolean;
  onEncoding: (e: Encoding) => void;
  actions: NoteActions;
}) {
  const { preview } = props;
  const doc = preview.document;
  const markers = computeMarkers(doc.sections, { level3Numbering: doc.level3Numbering });
  const notes = notesByLine(preview.notes);
  const titleNote = preview.notes.filter((n) => n.kind === 'title').pop();
  return (
    <>
      <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
        <Tag color="blue">识别类型：{preview.detectedKindLabel}</Tag>
        <span>
          措施 {preview.counts.measures} 项，标点修正 {preview.punctuationChanges} 处
        </span>
        {props.canChooseEncoding && (
          <Space>
            <span>文字编码</span>
            <Select<Encoding>
              aria-label="文字编码"
              style={{ width: 220 }}
              value={props.encoding}
              onChange={props.onEncoding}
              options={IMPORT_ENCODINGS.map((e) => ({ value: e, label: e === 'auto' ? `自动识别（${preview.encoding.toUpperCase()}）` : IMPORT_ENCODING_LABELS[e] }))}
            />
          </Space>
        )}
      </Flex>
      {preview.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`识别提示（${preview.warnings.length} 条）`}
          description={
            // Long lists of dropped web furniture scroll here; the preview below keeps its room.
            <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 110, overflowY: 'auto' }}>
              {preview.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={12}>
        <Col span={11}>
          <Typography.Title level={5}>原文</Typography.Title>
          <pre aria-label="原文" style={{ whiteSpace: 'pre-wrap', maxHeight: '55vh', overflow: 'auto', background: '#fafafa', padding: 8, fontSize: 13 }}>
            {preview.sourceText}
          </pre>
        </Col>
        <Col span={13}>
          <Tabs
            size="small"
            items={[
              {
                key: 'result',
                label: '识别结果',
                children: (
                  <div aria-label="识别结果" style={{ maxHeight: '50vh', overflow: 'auto', fontSize: 13 }}>
                    {doc.notice && (
                      <NoteTip note={notes.get(doc.notice.title || doc.notice.body[0] || '')?.[0]}>
                        <Typography.Paragraph type="secondary">
                          印发通知：{doc.notice.title || doc.notice.body[0]}
                          {doc.notice.issuer || doc.notice.date ? `（${[doc.notice.issuer, doc.notice.date].filter(Boolean).join('\u3000')}）` : ''}
                        </Typography.Paragraph>
                      </NoteTip>
                    )}
                    <NoteTip note={titleNote}>
                      <Typography.Paragraph strong>{doc.title || '（未识别到标题）'}</Typography.Paragraph>
                    </NoteTip>
                    {doc.addressee && <div>主送：{doc.addressee}</div>}
                    {doc.preamble.map((p, i) => (
                      <NoteTip key={i} note={notes.get(p)?.[0]}>
                        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
                          {p}
                        </Typography.Paragraph>
                      </NoteTip>
                    ))}
                    <Outline nodes={doc.sections} markers={markers} depth={0} notes={notes} actions={props.actions} />
                    {doc.attachments.length > 0 && <div>附件：{doc.attachments.join('；')}</div>}
                    {(doc.issuer || doc.date) && <div style={{ textAlign: 'right' }}>{[doc.issuer, doc.date].filter(Boolean).join('\u3000')}</div>}
                  </div>
                ),
              },
              {
                key: 'notes',
                label: `识别依据（${preview.notes.length}）`,
                children: <RecognitionNotes notes={preview.notes} actions={props.actions} />,
              },
            ]}
          />
        </Col>
      </Row>
    </>
  );
}

function Outline(props: { nodes: DocNode[]; markers: Map<DocNode, string>; depth: number; notes: ReturnType<typeof notesByLine>; actions: NoteActions }): ReactNode {
  return props.nodes.map((node, i) => {
    const m = node.measure;
    const text = node.heading || (node.body[0] ?? '').slice(0, 40);
    const own = props.notes.get(node.heading) ?? props.notes.get(`${node.heading}。`) ?? [];
    const inferred = own.find((n) => n.kind === 'heading');
    const fields = own.find((n) => n.kind === 'field');
    const closing = node.kind === 'paragraph' && node.heading === '' ? props.notes.get(node.body[0] ?? '')?.[0] : undefined;
    return (
      <div key={i} style={{ marginLeft: props.depth * 16, marginBottom: 4 }} data-kind={node.kind}>
        <NoteTip note={inferred ?? closing}>
          <span style={{ fontWeight: node.kind === 'paragraph' ? 400 : 600 }}>
            {props.markers.get(node)}
            {text}
          </span>
        </NoteTip>
        {inferred && (
          <>
            <Tag color="purple" style={{ marginLeft: 8 }}>
              推断的标题
            </Tag>
            <Button size="small" type="link" onClick={() => props.actions.demote(inferred.line)}>
              改为正文
            </Button>
          </>
        )}
        {node.kind === 'measure' && m && (
          <NoteTip note={fields}>
            <span style={{ marginLeft: 8 }}>
              {m.leader && <Tag>责任领导：{m.leader}</Tag>}
              {m.department && <Tag>责任部门：{m.department}</Tag>}
              {m.person && <Tag>责任人：{m.person}</Tag>}
              {m.deadline && <Tag color="orange">时限：{m.deadline}</Tag>}
              {m.statusText && <Tag color="green">{STATUS_LABELS[m.status]}</Tag>}
            </span>
          </NoteTip>
        )}
        {node.children.length > 0 && <Outline nodes={node.children} markers={props.markers} depth={props.depth + 1} notes={props.notes} actions={props.actions} />}
      </div>
    );
  });
}
