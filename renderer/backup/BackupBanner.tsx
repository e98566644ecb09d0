import { Alert, Button } from 'antd';
import { api } from '../api/client.ts';
import { useQuery } from '../api/use-query.ts';
import { navigate } from '../router.ts';

/** The home page's reminder when there is no recent good backup (from backup.status; nothing otherwise). */
export function BackupBanner() {
  const status = useQuery(() => api.send('backup.status', {}), []);
  const warning = status.data?.warning;
  if (!warning) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={warning}
      action={
        <Button size="small" onClick={() => navigate({ name: 'settings', section: 'backup' })}>
          备份与恢复
        </Button>
      }
    />
  );
}
