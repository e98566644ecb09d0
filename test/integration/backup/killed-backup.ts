// Child process of restore.test.ts: starts a backup and is killed with SIGKILL (kill -9) the moment it
// starts copying evidence — no exit handler, no cleanup runs.
import { writeSync } from 'node:fs';
import { createServices } from '../../../electron/services/index.ts';

const dataDir = process.argv[2]!;
const services = await createServices({ dataDir });
await services.call('backup.create', {}, {
  onProgress: (p) => {
    if (!p.stage.startsWith('正在复制佐证材料')) return;
    writeSync(1, `${p.stage}\n`);
    process.kill(process.pid, 'SIGKILL');
  },
});
process.exit(4);
