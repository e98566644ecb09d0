import { useEffect } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { HomePage } from './home/HomePage.tsx';
import { PlanView } from './plans/PlanView.tsx';
import { BackupPage } from './backup/BackupPage.tsx';
import { navigate, useRoute } from './router.ts';
import { GlobalSearch } from './search/GlobalSearch.tsx';
import { ImportButton } from './import/ImportDialog.tsx';
import { api } from './api/client.ts';
import { zhCN } from './locale.ts';

/** A workbook that cannot be opened (damaged) goes straight to 备份与恢复, where the newest good backup is marked. */
function useRouteToRestoreWhenUnopenable(): void {
  useEffect(() => {
    api.send('backup.status', {}).then(
      (status) => {
        if (status.workbook.state !== 'ok') navigate({ name: 'settings', section: 'backup' });
      },
      () => undefined,
    );
  }, []);
}

export function App() {
  const route = useRoute();
  useRouteToRestoreWhenUnopenable();
  return (
    // autoInsertSpace off: two-character buttons keep their real names (保存, not 保 存) for screen readers and tests.
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { fontSize: 14 } }}>
      <AntApp>
        <Layout className="app">
          <Layout.Header className="app-header">
            <a className="app-title" href="#/">
              整改方案工作台
            </a>
            <GlobalSearch planId={route.name === 'plan' ? route.id : null} />
            <div className="app-header-actions">
              <ImportButton />
              <Button icon={<SettingOutlined aria-hidden />} onClick={() => navigate({ name: 'settings', section: 'backup' })}>
                设置
              </Button>
            </div>
          </Layout.Header>
          <Layout.Content className="app-content">
            <ErrorBoundary key={route.name === 'plan' ? route.id : route.name}>
              {route.name === 'plan' ? <PlanView id={route.id} focus={route.focus} /> : route.name === 'settings' ? <BackupPage /> : <HomePage />}
            </ErrorBoundary>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
