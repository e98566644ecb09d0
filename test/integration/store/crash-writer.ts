// Child process for the crash test: commits plans in a loop and reports each committed title on
// stdout, until it is killed with SIGKILL.
import { createServices } from '../../../electron/services/index.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crash-writer DATA_DIR');
const services = await createServices({ dataDir });
for (let i = 0; ; i++) {
  const plan = await services.call('plans.create', { title: `崩溃测试方案 ${i}` });
  process.stdout.write(`${plan.title}\n`);
}
