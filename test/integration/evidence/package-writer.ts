// Child process for the leftover tests: exports an evidence package, and is killed while writing it.
import { createServices } from '../../../electron/services/index.ts';

const [dataDir, planId, output] = process.argv.slice(2);
if (!dataDir || !planId || !output) throw new Error('usage: package-writer DATA_DIR PLAN_ID OUTPUT');
const services = await createServices({ dataDir });
await services.call('evidence.exportPackage', { planId, output });
services.close();
