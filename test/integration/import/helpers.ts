import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Converts a file with LibreOffice in a fresh profile folder; returns the converted bytes. */
export function convertWithLibreOffice(source: string, target: 'docx' | 'doc', outDir: string): Buffer {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rectify-lo-'));
  try {
    const filter = target === 'docx' ? 'docx:MS Word 2007 XML' : 'doc:MS Word 97';
    const args = ['--headless', `-env:UserInstallation=file://${profile}`];
    if (source.endsWith('.txt')) args.push('--infilter=Text (encoded):UTF8,,,');
    args.push('--convert-to', filter, '--outdir', outDir, source);
    execFileSync('soffice', args, { stdio: 'ignore', timeout: 120_000 });
    const out = path.join(outDir, path.basename(source).replace(/\.[^.]+$/, `.${target}`));
    if (!existsSync(out)) throw new Error(`LibreOffice produced no ${target} for ${source}`);
    return readFileSync(out);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * Converts many files in one LibreOffice run (its own fresh profile): starting LibreOffice costs far
 * more than converting one more file. Returns the converted files' paths, in the order given.
 */
export function convertAllWithLibreOffice(sources: string[], target: 'docx' | 'doc', outDir: string): string[] {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'rectify-lo-'));
  try {
    const filter = target === 'docx' ? 'docx:MS Word 2007 XML' : 'doc:MS Word 97';
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', filter, '--outdir', outDir, ...sources], {
      stdio: 'ignore',
      timeout: 300_000,
    });
    return sources.map((source) => {
      const out = path.join(outDir, path.basename(source).replace(/\.[^.]+$/, `.${target}`));
      if (!existsSync(out)) throw new Error(`LibreOffice produced no ${target} for ${source}`);
      return out;
    });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a child process (as a user would). */
export function runCli(args: string[]): CliRun {
  try {
    const stdout = execFileSync(process.execPath, [path.join(ROOT, 'bin/rectify.mjs'), ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      env: { ...process.env, RECTIFY_DEBUG: '' },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    return { code: e.status ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A plan text as HTML with its tab-separated rows as a real table (for LibreOffice to turn into Word tables). */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const out: string[] = ['<html><head><meta charset="utf-8"></head><body>'];
  let inTable = false;
  let width = 0;
  for (const line of text.split('\n')) {
    if (line.includes('\t')) {
      const cells = line.split('\t');
      if (!inTable) {
        out.push('<table border="1">');
        inTable = true;
        width = cells.length;
      }
      out.push(`<tr>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
    } else if (inTable && /^[一二三四五六七八九十]+、/.test(line)) {
      out.push(`<tr><td colspan="${width}">${esc(line)}</td></tr>`);
    } else {
      if (inTable && line.trim() === '') continue;
      if (inTable) {
        out.push('</table>');
        inTable = false;
      }
      if (line.trim() !== '') out.push(`<p>${esc(line)}</p>`);
    }
  }
  out.push('</body></html>');
  return out.join('\n');
}

export function write(file: string, data: string | Buffer): string {
  writeFileSync(file, data);
  return file;
}
