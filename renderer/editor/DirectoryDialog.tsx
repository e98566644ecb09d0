import { useState } from 'react';
import { App as AntApp, Button, Input, List, Modal, Popconfirm, Space, Tabs } from 'antd';
import type { DirectoryEntry, DirectoryType } from '../../shared/api/editor.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';

/** 人员与部门名录: the names behind autocomplete; it grows as measures are filled and can be corrected here. */
export function DirectoryDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal open={open} title="人员与部门名录" footer={null} width={640} onCancel={onClose} destroyOnHidden>
      <Tabs
        items={[
          { key: 'department', label: '部门', children: <DirectoryList type="department" /> },
          { key: 'person', label: '人员', children: <DirectoryList type="person" /> },
        ]}
      />
    </Modal>
  );
}

function DirectoryList({ type }: { type: DirectoryType }) {
  const { message } = AntApp.useApp();
  const list = useQuery(() => api.send('directory.list', { type }), [type]);
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<{ id: number; name: string } | null>(null);
  const noun = type === 'department' ? '部门' : '人员';

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
      await list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div>
      <Space.Compact block>
        <Input aria-label={`新增${noun}`} placeholder={`新增${noun}名称`} value={name} onChange={(e) => setName(e.target.value)} />
        <Button
          type="primary"
          onClick={() =>
            void act(async () => {
              await api.send('directory.add', { type, name });
              setName('');
            })
          }
        >
          添加
        </Button>
      </Space.Compact>
      <List<DirectoryEntry>
        loading={list.loading}
        dataSource={list.data ?? []}
        locale={{ emptyText: `还没有${noun}。填写措施时会自动收录。` }}
        renderItem={(entry) => (
          <List.Item
            actions={[
              <Button key="edit" size="small" onClick={() => setEditing({ id: entry.id, name: entry.name })}>
                修改
              </Button>,
              <Popconfirm key="del" title={`删除“${entry.name}”？`} okText="删除" cancelText="取消" onConfirm={() => act(() => api.send('directory.delete', { type, id: entry.id }))}>
                <Button size="small" danger>
                  删除
                </Button>
              </Popconfirm>,
            ]}
          >
            {editing?.id === entry.id ? (
              <Space.Compact>
                <Input aria-label={`修改${noun}名称`} value={editing.name} onChange={(e) => setEditing({ id: entry.id, name: e.target.value })} />
                <Button
                  onClick={() =>
                    void act(async () => {
                      await api.send('directory.update', { type, id: entry.id, name: editing.name });
                      setEditing(null);
                    })
                  }
                >
                  确定
                </Button>
              </Space.Compact>
            ) : (
              <span>
                {entry.name} <span className="muted small">用过 {entry.useCount} 次</span>
              </span>
            )}
          </List.Item>
        )}
      />
    </div>
  );
}
