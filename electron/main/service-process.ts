import { utilityProcess } from 'electron';
import type { ServiceChannel } from '../services/host/client.ts';

/**
 * The services in an Electron utility process (Node, no window): SQLite, the readers and the
 * exporters run there, so long work never blocks the window and a crash there is only that process.
 * Main ↔ service messages go over its MessagePort (structured clone); both ends validate them.
 */
export function spawnUtilityService(entry: string): ServiceChannel {
  const child = utilityProcess.fork(entry, [], { serviceName: '整改方案工作台服务', stdio: 'inherit' });
  let alive = true;
  child.on('exit', () => {
    alive = false;
  });
  return {
    post(message) {
      // A process that has just died still has its exit event to come, which fails the pending calls.
      if (alive) child.postMessage(message);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      child.on('exit', (code) => listener(code));
    },
    kill() {
      child.kill();
    },
  };
}
