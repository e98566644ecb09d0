import { useState } from 'react';
import { Alert, Button, Empty, Input, List, Modal, Typography } from 'antd';
import type { MeasureHit } from '../../shared/api/editor.ts';
import { api, errorMessage } from '../api/client.ts';

/** 复用措施: find a measure in another plan by its words and copy it (with its fields) here. */
export function ReuseMeasureDialog(props: { open: boolean; planId: string; onClose: () => void; onReuse: (hit: MeasureHit) => Promise<void> }) {
  const [hits, setHits] = useState<MeasureHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const search = async (query: string): Promise<void> => {
    if (!query.trim()) return;
    setBusy(true);
    try {
      setHits(await api.send('measures.search', { query, excludePlanId: props.planId, limit: 30 }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={props.open} title="复用其他方案中的措施" footer={null} width={760} onCancel={props.onClose} destroyOnHidden>
      <Input.Search aria-label="查找措施" placeholder="输入措施中的文字，如：理论学习" enterButton="查找" loading={busy} onSearch={(q) => void search(q)} autoFocus />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {hits && hits.length === 0 && <Empty description="没有找到相关措施" />}
      {hits && hits.length > 0 && (
        <List
          className="reuse-list"
          dataSource={hits}
          renderItem={(hit) => (
            <List.Item
              actions={[
                <Button key="use" type="primary" size="small" onClick={() => void props.onReuse(hit)} aria-label={`复用：${hit.heading.slice(0, 20)}`}>
                  复用
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={hit.heading || hit.snippet}
                description={
                  <>
                    <Typography.Text type="secondary">{hit.planTitle}</Typography.Text>
                    <div className="small">{hit.snippet}</div>
                    <div className="small muted">
                      {[hit.measure.department && `责任部门：${hit.measure.department}`, hit.measure.deadline && `完成时限：${hit.measure.deadline}`]
                        .filter(Boolean)
                        .join('　')}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
