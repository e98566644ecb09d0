import { z } from 'zod';
import { zhCN } from 'zod/locales';

// Validation messages reach users (CLI stderr, form errors): make zod speak Chinese everywhere.
z.config(zhCN());

/** A zod error as one Chinese sentence a user can act on. */
export function formatZodError(error: z.ZodError): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? `「${issue.path.join('.')}」` : '';
    return `${where}${issue.message}`;
  });
  return `输入不正确：${parts.join('；')}`;
}
