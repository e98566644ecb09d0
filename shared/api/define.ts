import type { z } from 'zod';

/** One RPC method: what it takes and what it gives back, both validated where they cross a process. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** One line in Chinese for docs and the CLI help */
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string): MethodSpec<I, O> {
  return { input, output, summary };
}

export type ContractTable = Record<string, MethodSpec>;
