import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Folder of the numbered SQL files; the Electron build copies it beside the bundle. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Reads `NNNN_name.sql` files in order; numbers must run 1, 2, 3 … with no gap. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 4));
    if (version !== i + 1) throw new Error(`迁移文件编号不连续：${file}`);
    return { version, name: file.slice(5, -4), sql: readFileSync(path.join(dir, file), 'utf8') };
  });
}
