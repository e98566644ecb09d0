import { useState } from 'react';
import { App as AntApp, Button, InputNumber, Popover, Space, Typography } from 'antd';
import { api, errorMessage } from '../api/client.ts';

/**
 * 立行立改 has no date of its own: it counts as due this many days after the plan's 成文日期 (or the
 * day it was created). Shown where the dates are, so the user sees why such a measure is 逾期.
 */
export function DueSettings({ immediateDays, onChanged }: { immediateDays: number; onChanged: () => void }) {
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState<number | null>(immediateDays);
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    if (days === null) return;
    setBusy(true);
    try {
      await api.send('workbench.updateSettings', { immediateDays: days });
      message.success('已保存，到期日已按新天数重新计算');
      setOpen(false);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setDays(immediateDays);
      }}
      trigger="click"
      title="立行立改的到期日"
      content={
        <div style={{ maxWidth: 320 }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            完成时限写“立行立改”的措施，按方案成文日期（没有成文日期的按建立方案的日期）之后的天数计算到期日，逾期提醒以此为准。
          </Typography.Paragraph>
          <Space>
            <span>成文日期后</span>
            <InputNumber aria-label="立行立改天数" min={0} max={365} precision={0} value={days} onChange={(v) => setDays(v)} style={{ width: 80 }} />
            <span>天</span>
            <Button type="primary" size="small" loading={busy} disabled={days === null} onClick={() => void save()}>
              保存
            </Button>
          </Space>
        </div>
      }
    >
      <Button size="small" type="link">
        立行立改按{immediateDays}天计
      </Button>
    </Popover>
  );
}
