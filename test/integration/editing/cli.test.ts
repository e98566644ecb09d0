import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { tempDir } from '../../helpers/temp.ts';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('命令行：templates、draft、check', () => {
  it('列出模板，由模板新建方案并报告未填写的占位符，再做公文检查', async () => {
    const data = tempDir();
    const list = await cli(['templates', '--data', data]);
    expect(list.code).toBe(0);
    expect(list.out).toContain('shenji\t审计发现问题整改方案');

    const made = await cli(['draft', 'shenji', '--data', data, '--var', '单位=XX市人大常委会办公室', '--var', '年度=2025', '--var', '审计项目=预算执行', '--json']);
    expect(made.code).toBe(0);
    const result = JSON.parse(made.out) as { plan: { id: string; title: string }; unfilled: string[] };
    expect(result.plan.title).toBe('XX市人大常委会办公室关于2025年度预算执行审计发现问题的整改方案');
    expect(result.unfilled).toContain('审计机关');

    const check = await cli(['check', result.plan.id, '--data', data]);
    expect(check.code).toBe(0);
    expect(check.out).toContain('“{审计机关}”尚未填写');
    expect(check.out).toMatch(/共 \d+ 处$/);

    const missing = await cli(['draft', 'shenji', '--data', data]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('请填写：单位、年度、审计项目');
    expect((await cli(['draft', 'shenji', '--data', data, '--var', '没有等号'])).code).toBe(2);
  });
});
