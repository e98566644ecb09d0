import { Alert, App as AntApp, Button, Modal, Space, Typography } from 'antd';
import { copyText } from '../components/copy-text.ts';
import type { Recovery } from './journal-recovery.ts';
import { descriptionsText } from './text-edits.ts';

/**
 * Offered when a plan opens with edits that an earlier window (closed, reloaded, crashed, or cut off
 * from the service) never saw stored. Nothing is applied until the user chooses; when the plan changed
 * since, each unsaved text is shown beside what is stored now.
 */
export function RecoveryDialog(props: { recovery: Recovery; onRestore: () => void; onDiscard: () => void }) {
  const { message } = AntApp.useApp();
  const { recovery } = props;
  const restorable = recovery.edits.length > 0;
  const copyAll = async (): Promise<void> => {
    const ok = await copyText(descriptionsText(recovery.items));
    if (ok) message.success('已复制，可粘贴到其他文档中留存');
    else message.warning('无法使用剪贴板，请在本窗口中选中文字后复制');
  };
  return (
    <Modal
      open
      title="发现未保存的修改"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      width={720}
      footer={
        <Space>
          <Button onClick={() => void copyAll()}>复制全部</Button>
          <Button danger onClick={props.onDiscard}>
            放弃
          </Button>
          <Button type="primary" disabled={!restorable} onClick={props.onRestore}>
            恢复未保存的修改
          </Button>
        </Space>
      }
    >
      <p>上次编辑此方案时，以下修改没有来得及保存（窗口被关闭、程序退出或保存失败）。它们一直记录在本机。</p>
      {recovery.stale && (
        <Alert
          type="warning"
          showIcon
          className="recovery-stale"
          title="方案在这之后已被修改"
          description="可能是在其他窗口中编辑过，或恢复过历史版本。请对照“现在保存的内容”再选择：恢复会用未保存的修改替换下列各项；放弃则保留现在的内容。"
        />
      )}
      <div className="recovery-list">
        {recovery.items.map((item, i) => (
          <section key={i} className="recovery-item" aria-label={item.title}>
            <Typography.Text strong>{item.title}</Typography.Text>
            {item.missing && <div className="recovery-missing">该内容已不在方案中（可能已被删除），无法恢复到原处；可点击“复制全部”另行留存。</div>}
            {item.fields.map((f, j) => (
              <div key={f.label} className="recovery-field">
                <div className="recovery-label">{f.label}</div>
                <div className="recovery-mine">
                  {item.stored && <span className="recovery-tag">未保存的修改：</span>}
                  {f.text}
                </div>
                {item.stored?.[j] && (
                  <div className="recovery-stored">
                    <span className="recovery-tag">现在保存的内容：</span>
                    {item.stored[j]!.text}
                  </div>
                )}
              </div>
            ))}
          </section>
        ))}
      </div>
    </Modal>
  );
}
