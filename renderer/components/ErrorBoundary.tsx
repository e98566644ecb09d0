import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result } from 'antd';

interface State {
  error: Error | null;
}

/** A rendering error shows a Chinese message and a way back, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('界面出错', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) {
      return (
        <Result
          status="error"
          title="界面出现了问题"
          subTitle={`您的数据已保存在本机，不会丢失。错误信息：${this.state.error.message}`}
          extra={
            <Button
              type="primary"
              onClick={() => {
                this.setState({ error: null });
                window.location.hash = '#/';
              }}
            >
              返回方案列表
            </Button>
          }
        />
      );
    }
    return this.props.children;
  }
}
