import { App as AntApp, ConfigProvider, Layout } from 'antd';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { HomePage } from './home/HomePage.tsx';
import { PlanView } from './plans/PlanView.tsx';
import { useRoute } from './router.ts';
import { GlobalSearch } from './search/GlobalSearch.tsx';
import { ImportButton } from './import/ImportDialog.tsx';
import { zhCN } from './locale.ts';

export function App() {
  const route = useRoute();
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
            </div>
          </Layout.Header>
          <Layout.Content className="app-content">
            <ErrorBoundary key={route.name === 'plan' ? route.id : 'list'}>
              {route.name === 'plan' ? <PlanView id={route.id} focus={route.focus} /> : <HomePage />}
            </ErrorBoundary>
          </Layout.Content>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
