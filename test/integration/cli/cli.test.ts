import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/temp.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../../../bin/rectify.mjs', import.meta.url));

/** Runs the real `rectify` executable, as a user would. */
function rectify(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rectify 命令行', () => {
  it('--help 列出全部命令，退出码 0', () => {
    const r = rectify(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['list', 'show PLAN_ID', 'new --title', 'delete PLAN_ID']) expect(r.stdout).toContain(c);
  });

  it('new 然后 list --json 显示该方案；show --json 给出方案与大纲', () => {
    const data = tempDir();
    const created = rectify(['new', '--title', '测试', '--json', '--data', data]);
    expect(created.code).toBe(0);
    const plan = JSON.parse(created.stdout) as { id: string; title: string };
    expect(plan.title).toBe('测试');

    const list = rectify(['list', '--json', '--data', data]);
    expect(list.code).toBe(0);
    const plans = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(plans).toHaveLength(1);
    expect(Object.keys(plans[0] ?? {}).sort()).toEqual([
      'archived',
      'completionRate',
      'createdAt',
      'id',
      'kind',
      'measureCount',
      'nextDueDate',
      'overdue',
      'status',
      'title',
      'updatedAt',
      'version',
    ]);
    expect(plans[0]).toMatchObject({ id: plan.id, title: '测试', measureCount: 0, archived: false, completionRate: 0, overdue: 0, nextDueDate: null });

    const show = rectify(['show', plan.id, '--json', '--data', data]);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ id: plan.id, title: '测试', outline: [] });
  });

  it('RECTIFY_DATA 与 --data 指向同一个工作台；--data 优先', () => {
    const a = tempDir();
    const b = tempDir();
    rectify(['new', '--title', '甲'], { RECTIFY_DATA: a });
    expect(JSON.parse(rectify(['list', '--json', '--data', a]).stdout)).toHaveLength(1);
    expect(JSON.parse(rectify(['list', '--json', '--data', b], { RECTIFY_DATA: a }).stdout)).toHaveLength(0);
  });

  it('--data 也可以写在命令名之前（rectify --data DIR list）', () => {
    const data = tempDir();
    expect(rectify(['--data', data, 'new', '--title', '前置选项', '--json']).code).toBe(0);
    const list = rectify([`--data=${data}`, 'list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { title: string }[]).map((p) => p.title)).toEqual(['前置选项']);
    expect(JSON.parse(rectify(['list', '--json', '--data', data]).stdout)).toHaveLength(1);
    const bare = rectify(['--data', data]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('用法：rectify');
  });

  it('delete 删除方案', () => {
    const data = tempDir();
    const plan = JSON.parse(rectify(['new', '--title', '乙', '--json', '--data', data]).stdout) as { id: string };
    expect(rectify(['delete', plan.id, '--data', data]).code).toBe(0);
    expect(JSON.parse(rectify(['list', '--json', '--data', data]).stdout)).toEqual([]);
  });

  it('数据目录不可用（是一个文件）：退出码 2，说明如何处理', () => {
    const file = path.join(tempDir(), '不是文件夹');
    writeFileSync(file, 'x');
    const r = rectify(['list', '--data', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无法打开数据目录');
    expect(r.stderr).toContain('--data');
  });

  it('参数或输入有误：退出码 2，中文说明，无堆栈', () => {
    const data = tempDir();
    const cases = [
      rectify(['show', 'no-such-plan', '--data', data]),
      rectify(['new', '--data', data]),
      rectify(['list', '--bogus']),
      rectify(['frobnicate']),
      rectify(['show', '--data', data]),
    ];
    for (const r of cases) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
