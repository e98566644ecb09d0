import type { HandlerTable } from '../context.ts';
import type { exchangeContract } from '../../../shared/api/exchange.ts';
import { taskSteps } from '../task-steps.ts';
import { packPlan } from './pack.ts';
import { inspectPackage, packageSource, unpackPackage } from './unpack.ts';

export const exchangeHandlers: HandlerTable<keyof typeof exchangeContract> = {
  'exchange.pack': (input, ctx) => packPlan(ctx, input),
  'exchange.inspect': (input, ctx) => {
    const { source, name } = packageSource(input);
    return inspectPackage(ctx, source, name);
  },
  'exchange.unpack': async (input, ctx) => {
    const step = taskSteps(ctx, 'import', 1);
    step('正在校验并导入方案包');
    const { source, name } = packageSource(input);
    const result = await unpackPackage(ctx, source, name, { mode: input.mode ?? 'auto', take: input.take });
    step('已导入');
    return result;
  },
};
