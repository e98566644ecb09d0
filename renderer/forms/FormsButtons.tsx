import { useState } from 'react';
import { Button } from 'antd';
import { ImportOutlined, SendOutlined } from '@ant-design/icons';
import { IssueFormsDialog } from './IssueFormsDialog.tsx';
import { CollectFormsDialog } from './CollectFormsDialog.tsx';

/** 台账's 下发填报表 / 回收填报表: the departments report on files, offline. */
export function FormsButtons({ planId, onChanged }: { planId: string; onChanged: () => void }) {
  const [open, setOpen] = useState<'issue' | 'collect' | null>(null);
  return (
    <>
      <Button icon={<SendOutlined aria-hidden />} onClick={() => setOpen('issue')}>
        下发填报表
      </Button>
      <Button icon={<ImportOutlined aria-hidden />} onClick={() => setOpen('collect')}>
        回收填报表
      </Button>
      {open === 'issue' && <IssueFormsDialog planId={planId} onClose={() => setOpen(null)} />}
      {open === 'collect' && <CollectFormsDialog planId={planId} onClose={() => setOpen(null)} onChanged={onChanged} />}
    </>
  );
}
