// Entry of the service process (bundled to out/main/service-host.js). The Electron main process starts
// it with utilityProcess.fork, the tests with child_process.fork under plain Node; either way the
// workbook's services run here, off the window's thread, and a crash here takes only this process down.
import { createServices } from '../index.ts';
import { serveServices, type ServicePort } from './serve.ts';
import type { FromService } from './messages.ts';

/** Electron's utility process exposes process.parentPort (its types live in electron.d.ts, not loaded here). */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function portOfThisProcess(): ServicePort {
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (message: FromService) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send) {
    // A Node child: when the parent goes away there is nobody left to answer.
    process.on('disconnect', () => process.exit(0));
    return {
      post: (message: FromService) => {
        process.send?.(message);
      },
      onMessage: (listener) => process.on('message', listener),
    };
  }
  process.stderr.write('服务进程只能由整改方案工作台启动。\n');
  process.exit(2);
}

serveServices(portOfThisProcess(), {
  open: (init) => createServices(init),
  exit: (code) => process.exit(code),
});
