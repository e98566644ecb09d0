import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp.ts';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** A copy of the shell's sources and the renderer's HTML, optionally edited, scanned by scripts/security-scan.mjs. */
function scan(edit?: (root: string) => void): { status: number | null; output: string } {
  const root = tempDir('rectify-scan-');
  for (const part of ['electron/main', 'electron/preload', 'renderer/index.html']) cpSync(path.join(repo, part), path.join(root, part), { recursive: true });
  edit?.(root);
  const result = spawnSync(process.execPath, [path.join(repo, 'scripts/security-scan.mjs'), '--root', root], { encoding: 'utf8', cwd: repo });
  return { status: result.status, output: result.stdout + result.stderr };
}

function replaceIn(root: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(root, file);
  const before = readFileSync(full, 'utf8');
  const after = before.replace(from, to);
  expect(after, `edit of ${file}`).not.toBe(before);
  writeFileSync(full, after);
}

describe('security scan (electronegativity, offline)', () => {
  it('passes on the shell as written', () => {
    const { status, output } = scan();
    expect(output).toContain('安全扫描通过');
    expect(status).toBe(0);
  });

  it('fails when context isolation is switched off', () => {
    const { status, output } = scan((root) => replaceIn(root, 'electron/main/window.ts', 'contextIsolation: true', 'contextIsolation: false'));
    expect(status).toBe(1);
    expect(output).toContain('CONTEXT_ISOLATION_JS_CHECK');
  });

  it('fails when the permission handler is removed', () => {
    const { status, output } = scan((root) => replaceIn(root, 'electron/main/security.ts', /ses\.setPermissionRequestHandler\([\s\S]*?\}\);/, ''));
    expect(status).toBe(1);
    expect(output).toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
  });

  it('fails when new windows are no longer denied', () => {
    // (The tool accepts setWindowOpenHandler alone as a navigation limit, so a missing will-navigate
    // handler is caught by security.test.ts instead.)
    const { status, output } = scan((root) => replaceIn(root, 'electron/main/security.ts', /contents\.setWindowOpenHandler\(.*\);/, ''));
    expect(status).toBe(1);
    expect(output).toContain('LIMIT_NAVIGATION');
  });
});
