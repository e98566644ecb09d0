import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';

/** Writes an exported Word document where the user asked (atomically: never a truncated .docx under the name). */
export async function writeDocxFile(target: string, data: Buffer): Promise<string> {
  if (!/\.docx$/i.test(target)) throw new AppError('bad_input', `输出文件名须以 .docx 结尾：${target}`);
  return writeFileAtomic(target, data, { createFolder: true });
}
