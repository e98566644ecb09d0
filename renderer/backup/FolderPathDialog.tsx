import { useState } from 'react';
import { Input, Modal, Typography } from 'antd';

/**
 * The browser host's stand-in for the folder dialog: the path typed in. (The desktop app opens the
 * system's folder dialog instead and never shows this.)
 */
export function FolderPathDialog(props: { title: string; hint: string; onDone: (path: string | null) => void }) {
  const [value, setValue] = useState('');
  return (
    <Modal
      open
      title={props.title}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: value.trim() === '' }}
      onOk={() => props.onDone(value.trim())}
      onCancel={() => props.onDone(null)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{props.hint}</Typography.Paragraph>
      <Input aria-label="文件夹路径" placeholder="例如：/media/U盘/整改备份" value={value} onChange={(e) => setValue(e.target.value)} autoFocus onPressEnter={() => value.trim() && props.onDone(value.trim())} />
    </Modal>
  );
}
