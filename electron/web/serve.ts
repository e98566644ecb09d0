import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServices } from '../services/index.ts';
import { resolveDataDir } from '../services/paths.ts';
import { startWebHost } from './host.ts';
import { AppError } from '../../shared/errors.ts';

/** `npm run web -- --port N --data DIR`: serves the built renderer over the real services until stopped. */
export async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, data: { type: 'string' }, static: { type: 'string' } },
    strict: true,
  });
  const port = values.port ? Number(values.port) : 5199;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('bad_input', `端口不正确：${values.port ?? ''}`);
  const dataDir = resolveDataDir(values.data);
  const staticDir = values.static ?? fileURLToPath(new URL('../../out/renderer/', import.meta.url));
  // A damaged workbook still serves the page: it offers restoring a backup (设置 → 备份与恢复).
  const services = await createServices({ dataDir, allowUnopened: true });
  const host = await startWebHost({ services, staticDir, port });
  process.stdout.write(`整改方案工作台（浏览器模式）已启动：${host.url}\n数据目录：${dataDir}\n按 Ctrl+C 停止。\n`);
  const stop = (): void => {
    void host.close().then(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  await serve(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof AppError ? 2 : 1);
}
