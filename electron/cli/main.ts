import { parseArgs } from 'node:util';
import { AppError, isUserError } from '../../shared/errors.ts';
import type { Services } from '../services/index.ts';
import { resolveDataDir } from '../services/paths.ts';
import { CliUsageError, type CliCommand, type CliContext, type CliIo } from './command.ts';
import { loadAllCommands, loadCommand } from './commands/index.ts';

const GLOBAL_OPTIONS = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function helpText(): Promise<string> {
  const commands = await loadAllCommands();
  const lines = [
    '整改方案工作台命令行（rectify）',
    '',
    '用法：rectify <命令> [参数] [--data 数据目录]',
    '',
    '命令：',
    // Long usages get their summary on the next line, so nothing wraps mid-word in an 80-column terminal.
    ...commands.map((c) => (c.usage.length <= 40 ? `  ${c.usage.padEnd(42)}${c.summary}` : `  ${c.usage}\n  ${' '.repeat(6)}${c.summary}`)),
    '',
    '通用选项：',
    '  --data DIR     工作台数据目录（默认与桌面程序相同；也可用环境变量 RECTIFY_DATA）',
    '  -h, --help     显示帮助',
    '',
    '退出码：0 成功；2 输入或参数有误（含数据文件被占用、磁盘已满、只读或损坏；restore 未加 --yes）；1 意外错误；3 检查发现问题（verify、doctor、backups --verify）。',
  ];
  return lines.join('\n');
}

/** Where the services find what is not in the data folder; the installed app passes its own. */
export interface CliLocations {
  resourcesDir?: string | undefined;
  migrationsDir?: string | undefined;
}

/**
 * A command's result as an exit code: a number it returned, else 0. Nothing else may become the
 * process's exit code (`return ctx.out(...)` once handed `process.stdout.write`'s `true` to Node).
 */
export function exitCodeOf(result: unknown): number {
  return typeof result === 'number' && Number.isInteger(result) && result >= 0 && result <= 255 ? result : 0;
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo, locations: CliLocations = {}): Promise<number> {
  const [name, ...rest] = leadingGlobalsLast(argv);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(await helpText());
    return name === undefined ? 2 : 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    io.err(`未知的命令：${name}\n\n${await helpText()}`);
    return 2;
  }
  let services: Services | undefined;
  let dataFlag: string | undefined;
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) {
      io.out(`用法：rectify ${command.usage}\n${command.summary}`);
      return 0;
    }
    dataFlag = typeof parsed.values.data === 'string' ? parsed.values.data : undefined;
    const ctx: CliContext = {
      ...io,
      positionals: parsed.positionals,
      values: parsed.values as CliContext['values'],
      async services(options = {}) {
        // Loaded on first use: commands that never open the workbook (parse, convert) skip the whole service layer.
        const { createServices } = await import('../services/index.ts');
        services ??= await createServices({
          dataDir: resolveDataDir(dataFlag),
          ...(locations.resourcesDir ? { resourcesDir: locations.resourcesDir } : {}),
          ...(locations.migrationsDir ? { migrationsDir: locations.migrationsDir } : {}),
          ...(options.allowUnopened ? { allowUnopened: true } : {}),
        });
        return services;
      },
      dataDir: () => resolveDataDir(dataFlag),
    };
    return exitCodeOf(await command.run(ctx));
  } catch (err) {
    // A command that reached the storage without the contract (attach streams a file straight into the
    // evidence store): SQLite's own failures get the same Chinese words and exit code as through it.
    const { storageError } = await import('../services/store/sqlite-errors.ts');
    let dataDir = '';
    try {
      dataDir = resolveDataDir(dataFlag);
    } catch {
      // no folder to name
    }
    return reportError(storageError(err, dataDir) ?? err, command, io);
  } finally {
    try {
      services?.close();
    } catch {
      // closing cannot lose anything committed
    }
  }
}

/**
 * `rectify --data DIR list` is as natural as `rectify list --data DIR` (global options usually go first),
 * so a leading --data is moved behind the command name, where the command's own parser reads it.
 */
function leadingGlobalsLast(argv: string[]): string[] {
  const globals: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    if (arg === '--data' && i + 1 < argv.length) {
      globals.push(arg, argv[i + 1] ?? '');
      i += 2;
    } else if (arg.startsWith('--data=')) {
      globals.push(arg);
      i += 1;
    } else break;
  }
  if (globals.length === 0) return argv;
  // Only global options and no command: the same as no arguments at all (help, exit 2).
  return i < argv.length ? [...argv.slice(i), ...globals] : [];
}

function reportError(err: unknown, command: CliCommand, io: CliIo): number {
  if (err instanceof CliUsageError) {
    io.err(`${err.message}\n用法：rectify ${command.usage}`);
    return 2;
  }
  if (err instanceof AppError) {
    io.err(err.message);
    return isUserError(err.code) ? 2 : 1;
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    io.err(`参数有误：${parseArgsMessage(err)}\n用法：rectify ${command.usage}`);
    return 2;
  }
  io.err(`发生意外错误：${err instanceof Error ? err.message : String(err)}`);
  if (process.env.RECTIFY_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
  return 1;
}

function parseArgsMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `不认识的选项 ${unknown[1] ?? ''}`;
  const missing = /Option '([^']+)[^']*' argument missing/.exec(message);
  if (missing) return `选项 ${missing[1] ?? ''} 缺少取值`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `多余的参数 ${positional[1] ?? ''}`;
  return message;
}
