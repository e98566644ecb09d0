import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, loadCommand } from '../../../electron/cli/commands/index.ts';
import { exitCodeOf, runCli } from '../../../electron/cli/main.ts';
import { tempDir } from '../../helpers/temp.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));
const fixture = fileURLToPath(new URL('../../fixtures/synthetic-01-minzhu-shenghuohui-renda.txt', import.meta.url));

/** Runs the real `rectify` executable, as a newcomer would. */
function rectify(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, RECTIFY_DATA: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Case {
  /** arguments after the command name, for a workbook that has nothing in it */
  args: (dir: string) => string[];
  /** 0 for what works on an empty workbook, 2 for what names a plan/measure that does not exist, 3 for what reports problems */
  code: 0 | 2 | 3;
  /** what the plain-text output says (code 0) */
  text?: RegExp;
}

/**
 * Every command on a brand-new, empty workbook — the first thing a newcomer types. A command added
 * to the CLI without a case here fails the first test, so this list stays complete.
 */
const CASES: Record<string, Case> = {
  list: { args: () => [], code: 0, text: /还没有方案/ },
  show: { args: () => ['no-such-plan'], code: 2 },
  new: { args: () => ['--title', '第一个方案'], code: 0, text: /已新建方案：第一个方案/ },
  delete: { args: () => ['no-such-plan'], code: 2 },
  search: { args: () => ['整改'], code: 0, text: /没有找到「整改」/ },
  due: { args: () => [], code: 0, text: /没有符合条件的措施/ },
  measures: { args: () => ['no-such-plan'], code: 2 },
  status: { args: () => ['no-such-measure', '已完成'], code: 2 },
  attach: { args: (dir) => ['no-such-measure', path.join(dir, '纪要.txt')], code: 2 },
  verify: { args: () => [], code: 0, text: /全部 0 个佐证材料文件完好/ },
  doctor: { args: () => [], code: 0, text: /结论：一切正常/ },
  backup: { args: () => [], code: 0, text: /已备份到：.*备份_\d{8}_\d{6}/ },
  backups: { args: () => [], code: 0, text: /还没有备份/ },
  restore: { args: (dir) => [path.join(dir, '备份_20260101_080000')], code: 2 },
  ledger: { args: (dir) => ['no-such-plan', '-o', path.join(dir, '台账.xlsx')], code: 2 },
  report: { args: (dir) => ['no-such-plan', '-o', path.join(dir, '报告.docx')], code: 2 },
  evidence: { args: (dir) => ['no-such-plan', '-o', path.join(dir, '材料包.zip')], code: 2 },
  forms: { args: (dir) => ['no-such-plan', '-o', path.join(dir, '填报表.zip')], code: 2 },
  collect: { args: (dir) => [path.join(dir, '纪要.txt')], code: 3 },
  pack: { args: (dir) => ['no-such-plan', '-o', path.join(dir, '方案.rectify')], code: 2 },
  unpack: { args: (dir) => [path.join(dir, '纪要.txt')], code: 2 },
  parse: { args: () => [fixture], code: 0, text: /标题：/ },
  import: { args: () => [fixture], code: 0, text: /已导入：/ },
  export: { args: (dir) => ['no-such-plan', '-o', path.join(dir, '方案.docx')], code: 2 },
  convert: { args: (dir) => [fixture, '-o', path.join(dir, '转换.docx')], code: 0, text: /已导出：/ },
  templates: { args: () => [], code: 0, text: /minzhu-shenghuohui/ },
  draft: { args: () => ['minzhu-shenghuohui', '--var', '单位=XX市人大常委会', '--var', '年度=2025'], code: 0, text: /已新建方案/ },
  check: { args: () => ['no-such-plan'], code: 2 },
};

function expectNoCrash(r: { code: number | null; stderr: string }, what: string): void {
  // Never a stack trace, a Node error code or an English exception — what `rectify list` used to print.
  expect(r.stderr, what).not.toMatch(/\n\s+at |TypeError|ReferenceError|ERR_[A-Z_]+|Node\.js v/);
  if (r.code !== 0) expect(r.stderr, what).toMatch(/[\u4e00-\u9fff]/);
}

describe('每个命令在全新的空工作台上（有无 --json）', () => {
  it('每个命令都有一个空工作台用例', () => {
    expect(Object.keys(CASES).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  for (const name of Object.keys(CASES)) {
    it(`rectify ${name}`, async () => {
      const spec = CASES[name]!;
      const command = await loadCommand(name);
      const acceptsJson = command !== undefined && 'json' in command.options;

      const dir = tempDir();
      const data = path.join(dir, '空工作台');
      mkdirSync(data);
      writeFileSync(path.join(dir, '纪要.txt'), '会议纪要');
      const plain = rectify([name, ...spec.args(dir), '--data', data]);
      expectNoCrash(plain, `${name}: ${plain.stderr}`);
      expect(plain.code, plain.stderr).toBe(spec.code);
      if (spec.code === 0 && spec.text) expect(plain.stdout).toMatch(spec.text);

      const fresh = path.join(dir, '另一个空工作台');
      mkdirSync(fresh);
      const json = rectify([name, ...spec.args(dir), '--json', '--data', fresh]);
      expectNoCrash(json, `${name} --json: ${json.stderr}`);
      if (!acceptsJson) {
        expect(json.code).toBe(2);
        expect(json.stderr).toContain('不认识的选项 --json');
        return;
      }
      expect(json.code, json.stderr).toBe(spec.code);
      if (spec.code === 0 && json.stdout.trim() !== '') expect(() => JSON.parse(json.stdout) as unknown).not.toThrow();
    });
  }

  it('list --json 在空工作台上输出 []，退出码 0', () => {
    const r = rectify(['list', '--json', '--data', tempDir()]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });
});

describe('命令的返回值不会变成退出码', () => {
  it('输出函数返回什么（process.stdout.write 返回 true）都不影响退出码', async () => {
    const out: string[] = [];
    const io = { out: (text: string) => (out.push(text), true) as unknown as void, err: () => true as unknown as void };
    expect(await runCli(['list', '--data', tempDir()], io)).toBe(0);
    expect(out).toEqual(['（还没有方案）']);
  });

  it('只有 0–255 的整数才是退出码', () => {
    expect(exitCodeOf(undefined)).toBe(0);
    expect(exitCodeOf(true)).toBe(0);
    expect(exitCodeOf('2')).toBe(0);
    expect(exitCodeOf(2)).toBe(2);
    expect(exitCodeOf(3)).toBe(3);
    expect(exitCodeOf(-1)).toBe(0);
  });
});
