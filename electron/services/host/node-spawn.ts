import { fork } from 'node:child_process';
import type { ServiceChannel } from './client.ts';

/**
 * The service process as a plain Node child (the tests; the app uses Electron's utilityProcess). The
 * same structured-clone serialization as a utility process's port, so what crosses here crosses there.
 */
export function forkNodeService(entry: string, execArgv: string[] = []): ServiceChannel {
  const child = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    post(message) {
      // A child that has just died still has its exit event to come, which fails the pending calls.
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      child.on('exit', (code) => listener(code));
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
