import { useMemo } from 'react';
import { App as AntApp, Alert, Button, Empty, Popconfirm, Skeleton, Typography } from 'antd';
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import type { Phrase } from '../../shared/api/editor.ts';
import { api, errorMessage } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { activeSelection, getActiveField } from './active-field.ts';

/** 常用语: built-in phrases of the plan's kind plus the user's own; click to insert at the cursor. */
export function PhrasePanel({ planKind }: { planKind: string }) {
  const { message } = AntApp.useApp();
  const phrases = useQuery(() => api.send('phrases.list', { kind: planKind }), [planKind]);
  const groups = useMemo(() => {
    const map = new Map<string, Phrase[]>();
    for (const p of phrases.data ?? []) {
      const key = p.builtin ? p.category : '我的常用语';
      map.set(key, [...(map.get(key) ?? []), p]);
    }
    return [...map.entries()];
  }, [phrases.data]);

  const insert = (phrase: Phrase): void => {
    const field = getActiveField();
    if (!field) {
      message.warning('请先在右侧编辑区点一下要插入的位置');
      return;
    }
    field.insert(phrase.text);
  };

  const saveSelection = async (): Promise<void> => {
    const text = activeSelection().trim();
    if (!text) {
      message.warning('请先在编辑区选中要保存的文字');
      return;
    }
    try {
      await api.send('phrases.create', { text, kind: '' });
      message.success('已存为常用语');
      await phrases.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div className="side-content" role="region" aria-label="常用语">
      <Button
        icon={<SaveOutlined aria-hidden />}
        block
        // Keep the selection in the text field: do not take focus on mouse down.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => void saveSelection()}
      >
        将选中文字存为常用语
      </Button>
      <div className="muted small">点击常用语，插入到光标处。</div>
      {phrases.error && <Alert type="error" showIcon title="读取常用语失败" description={phrases.error} />}
      {phrases.loading && !phrases.data && <Skeleton active />}
      {phrases.data && phrases.data.length === 0 && <Empty description="还没有常用语" />}
      {groups.map(([category, list]) => (
        <section key={category} className="phrase-group" aria-label={category}>
          <Typography.Text strong>{category}</Typography.Text>
          <ul className="phrase-list">
            {list.map((p) => (
              <li key={p.id} className="phrase">
                <button
                  type="button"
                  className="phrase-text"
                  title="插入到光标处"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => insert(p)}
                >
                  {p.text}
                </button>
                {!p.builtin && (
                  <Popconfirm
                    title="删除这条常用语？"
                    okText="删除"
                    cancelText="取消"
                    onConfirm={async () => {
                      try {
                        await api.send('phrases.delete', { id: p.id });
                        await phrases.reload();
                      } catch (err) {
                        message.error(errorMessage(err));
                      }
                    }}
                  >
                    <Button size="small" type="text" icon={<DeleteOutlined aria-hidden />} aria-label="删除常用语" />
                  </Popconfirm>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
