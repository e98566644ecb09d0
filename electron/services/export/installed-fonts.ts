import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Windows registers some faces under their English names; either spelling counts as installed. */
const ALIASES: Record<string, string[]> = {
  仿宋: ['FangSong', 'FangSong_GB2312'],
  仿宋_GB2312: ['FangSong_GB2312'],
  楷体: ['KaiTi', 'KaiTi_GB2312'],
  楷体_GB2312: ['KaiTi_GB2312'],
  黑体: ['SimHei'],
  宋体: ['SimSun', 'SimSun & NSimSun'],
  方正小标宋简体: ['FZXiaoBiaoSong-B05S'],
  方正小标宋_GBK: ['FZXiaoBiaoSong-B05'],
  方正仿宋_GBK: ['FZFangSong-Z02'],
  方正楷体_GBK: ['FZKai-Z03'],
  方正黑体_GBK: ['FZHei-B01'],
};

let cache: { at: number; families: Set<string> | null } | null = null;

async function readFamilies(): Promise<Set<string> | null> {
  const families = new Set<string>();
  try {
    if (process.platform === 'win32') {
      for (const hive of ['HKLM', 'HKCU']) {
        const key = `${hive}\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Fonts`;
        const { stdout } = await run('reg', ['query', key], { encoding: 'utf8', windowsHide: true }).catch(() => ({ stdout: '' }));
        for (const line of stdout.split(/\r?\n/)) {
          const m = /^\s+(.+?)\s+REG_SZ\s+/.exec(line);
          if (!m) continue;
          // "仿宋_GB2312 (TrueType)", "SimSun & NSimSun (TrueType)"
          for (const name of m[1]!.replace(/\s*\([^)]*\)\s*$/, '').split(/\s*&\s*/)) families.add(name.trim());
        }
      }
    } else {
      const { stdout } = await run('fc-list', [':', 'family'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      for (const line of stdout.split('\n')) for (const name of line.split(',')) if (name.trim()) families.add(name.trim().replace(/\\-/g, '-'));
    }
  } catch {
    return null;
  }
  return families.size > 0 ? families : null;
}

/** The font families installed on this PC, or null when they cannot be read. Cached for a minute. */
export async function installedFamilies(): Promise<Set<string> | null> {
  if (cache && Date.now() - cache.at < 60_000) return cache.families;
  cache = { at: Date.now(), families: await readFamilies() };
  return cache.families;
}

export function isInstalled(face: string, families: Set<string>): boolean {
  if (families.has(face)) return true;
  return (ALIASES[face] ?? []).some((alias) => families.has(alias));
}
