import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Input, Popconfirm, Space } from 'antd';
import { copyText } from '../components/copy-text.ts';
import { useEditor } from './active-field.ts';
import type { PlanStore, RefusedEdit } from './plan-store.ts';
import { refusalTitle, saveNotice } from './save-notice.ts';
import { describeEdits, descriptionsText, type TextEdit } from './text-edits.ts';

/**
 * The editor's standing notice while something typed is not stored: why (by the error's code), what
 * to do, 重试, and 复制未保存的内容 so the words can be kept elsewhere whatever happens. It stays until
 * the cause is gone (a toast would vanish before the user read it).
 */
export function SaveNotice({ store }: { store: PlanStore }) {
  const issue = useEditor(store, (s) => s.issue);
  const refused = useEditor(store, (s) => s.refused);
  const journalFull = useEditor(store, (s) => s.journalFull);
  const copy = useCopy(store);
  if (!issue && refused.length === 0 && !journalFull) return null;
  const words = issue ? saveNotice(issue.code) : null;
  return (
    <div className="save-notice" aria-label="保存提示" role="region">
      {issue && words && (
        <Alert
          type={issue.code === 'db_corrupt' ? 'error' : 'warning'}
          showIcon
          title={words.title}
          description={
            <div className="save-notice-body">
              <div>{words.advice}</div>
              <div className="save-notice-detail">{issue.message}</div>
              <RetryStatus retryAt={issue.retryAt} held={issue.code === 'db_corrupt'} />
            </div>
          }
          action={
            <Space orientation="vertical" size={6}>
              <Button size="small" type="primary" onClick={() => store.retry()}>
                重试
              </Button>
              <Button size="small" onClick={() => void copy(store.unsavedEdits())}>
                复制未保存的内容
              </Button>
            </Space>
          }
        />
      )}
      {refused.map((r) => (
        <RefusedNotice key={r.id} store={store} refused={r} onCopy={() => void copy([r.edit])} />
      ))}
      {journalFull && (
        <Alert
          type="error"
          showIcon
          title="未保存的内容过多，本机记录已无法全部容纳"
          description="请不要关闭本窗口，并点击“复制未保存的内容”另行留存；保存成功后本提示会消失。"
          action={
            <Button size="small" onClick={() => void copy(store.unsavedEdits())}>
              复制未保存的内容
            </Button>
          }
        />
      )}
    </div>
  );
}

function RefusedNotice({ store, refused, onCopy }: { store: PlanStore; refused: RefusedEdit; onCopy: () => void }) {
  const outline = useEditor(store, (s) => s.outline);
  const level3 = useEditor(store, (s) => s.plan.document.level3Numbering);
  const [description] = describeEdits([refused.edit], outline, level3);
  const where = description && !description.missing ? description.title : '';
  return (
    <Alert
      type="error"
      showIcon
      title={`${where}${refusalTitle(refused.code)}`}
      description={
        <div className="save-notice-body">
          <div className="save-notice-detail">{refused.message}</div>
          {description?.fields.map((f) => (
            <div key={f.label} className="save-notice-text">
              <span className="save-notice-label">{f.label}：</span>
              {f.text}
            </div>
          ))}
        </div>
      }
      action={
        <Space orientation="vertical" size={6}>
          <Button size="small" type="primary" onClick={onCopy}>
            复制
          </Button>
          <Button size="small" onClick={() => store.retry()}>
            重试
          </Button>
          <Popconfirm title="不再保留这段未保存的内容？" okText="放弃" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => store.dismissRefused(refused.id)}>
            <Button size="small">放弃</Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}

/** "12 秒后自动重试" / "正在重试…", refreshed each second. */
function RetryStatus({ retryAt, held }: { retryAt: number | null; held: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === null) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [retryAt]);
  if (held) return <div className="save-notice-retry">为保护数据，不再自动重试。</div>;
  if (retryAt === null) return <div className="save-notice-retry">正在重试…</div>;
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return <div className="save-notice-retry">{seconds} 秒后自动重试</div>;
}

/** Copies described edits; where the clipboard is refused, shows them for the user to select. */
function useCopy(store: PlanStore): (edits: TextEdit[]) => Promise<void> {
  const { message, modal } = AntApp.useApp();
  return async (edits) => {
    const s = store.get();
    const text = descriptionsText(describeEdits(edits, s.outline, s.plan.document.level3Numbering));
    if (!text) {
      message.info('没有未保存的内容');
      return;
    }
    if (await copyText(text)) {
      message.success('已复制未保存的内容，可粘贴到其他文档中留存');
      return;
    }
    modal.info({
      title: '请手动复制以下内容',
      width: 640,
      content: <Input.TextArea readOnly value={text} autoSize={{ minRows: 6, maxRows: 16 }} aria-label="未保存的内容" />,
      okText: '关闭',
    });
  };
}
