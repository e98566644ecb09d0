import { readFileSync, writeFileSync } from 'node:fs';

/** Every page of a database file beyond the header overwritten (headers of the pages kept): what a failing disk leaves. */
export function damageDatabase(file: string): void {
  const bytes = readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (let page = 1; page * pageSize < bytes.length; page++) bytes.fill(0x5a, page * pageSize + 8, page * pageSize + pageSize - 8);
  writeFileSync(file, bytes);
}
