import type { ParseArgsOptionsConfig } from 'node:util';
import type { Services } from '../services/index.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext extends CliIo {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  /** Opens the workbook in --data DIR / RECTIFY_DATA / the platform folder, once. */
  services(): Promise<Services>;
  /** That folder, without opening anything */
  dataDir(): string;
}

export interface CliCommand {
  name: string;
  /** e.g. 'show PLAN_ID --json' */
  usage: string;
  summary: string;
  options: ParseArgsOptionsConfig;
  /** Returns the exit code (default 0). */
  run(ctx: CliContext): Promise<number | void>;
}

export function printJson(ctx: CliIo, value: unknown): void {
  ctx.out(JSON.stringify(value, null, 2));
}

/** An option's value when it is a string (parseArgs gives booleans and arrays too). */
export function stringValue(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function requirePositional(ctx: CliContext, index: number, name: string): string {
  const value = ctx.positionals[index];
  if (value === undefined || value === '') throw new CliUsageError(`缺少参数 ${name}`);
  return value;
}

/** Wrong arguments: exit 2 with the message and the command's usage. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
