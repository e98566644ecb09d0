import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { Attachment } from '../../../shared/api/evidence.ts';
import { copyFileName, numberedName } from '../../../shared/progress/evidence-names.ts';
import { writeFileWith } from '../files/atomic-write.ts';
import { getAttachment, missingBlob, type AttachContext } from './attachments.ts';
import { blobPath, errCode, ioError } from './blob-store.ts';

/**
 * Copies of stored evidence handed to the user: the store's own file is never handed out, so an
 * editor cannot alter the evidence in place. Names lose invisible bidirectional controls, are short
 * enough for any file system, and never overwrite another copy (三个名为“.”的文件 become 材料,
 * 材料(2), 材料(3)).
 */

/** Names tried before giving up: far more copies of one name than anyone opens in a session. */
const MAX_NUMBERED = 999;

async function existingBlob(ctx: AttachContext, attachment: Attachment): Promise<string> {
  const file = blobPath(ctx.dataDir, attachment.sha256);
  try {
    await stat(file);
  } catch (err) {
    throw missingBlob(err, attachment);
  }
  return file;
}

/** A copy in `dir` (a new private temp folder when absent), for opening with the system's program. */
export async function copyOut(ctx: AttachContext, id: string, dir?: string): Promise<{ path: string }> {
  const attachment = getAttachment(ctx.db, id);
  const source = await existingBlob(ctx, attachment);
  const targetDir = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'rectify-open-')));
  await mkdir(targetDir, { recursive: true });
  const name = copyFileName(attachment.originalName);
  for (let n = 1; n <= MAX_NUMBERED; n++) {
    const target = path.join(targetDir, n === 1 ? name : numberedName(name, n));
    try {
      // Never over an existing file: another copy of the same name may be open in Word right now.
      await copyFile(source, target, constants.COPYFILE_EXCL);
      return { path: target };
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw ioError(err, '复制佐证材料失败', attachment.originalName);
    }
  }
  throw new AppError('io', `无法复制佐证材料「${attachment.originalName}」：临时文件夹中同名文件过多`);
}

/** 另存为: a copy written atomically where the user chose. */
export async function saveCopy(ctx: AttachContext, id: string, output: string): Promise<{ path: string }> {
  const attachment = getAttachment(ctx.db, id);
  const source = await existingBlob(ctx, attachment);
  return { path: await writeFileWith(output, (temp) => copyFile(source, temp, constants.COPYFILE_EXCL)) };
}
