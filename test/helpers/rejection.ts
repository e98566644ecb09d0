import type { AppError } from '../../shared/errors.ts';

/** The error a promise rejects with; fails the test when it resolves instead. */
export async function rejectionOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a rejection');
}
