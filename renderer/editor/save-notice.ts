import { isRetryable, type AppErrorCode } from '../../shared/errors.ts';

/**
 * How the editor's save queue treats a failed write, and what it tells the user. Failures of the
 * storage or the transport keep the write and retry it; a damaged database keeps it too but waits for
 * the user (writing on would not help and might harm); a conflict asks whose version wins; anything else
 * is a refusal of this one write, whose text is kept where the user can copy it.
 */
export type FailureKind = 'retry' | 'hold' | 'conflict' | 'refused';

export function failureKind(code: AppErrorCode): FailureKind {
  if (code === 'conflict') return 'conflict';
  if (isRetryable(code)) return 'retry';
  if (code === 'db_corrupt') return 'hold';
  return 'refused';
}

/** Waits between automatic retries: quick at first (a lock is often released within seconds), then every 15 s. */
export const RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000, 15000];

export function retryDelay(attempt: number, delays: readonly number[] = RETRY_DELAYS_MS): number {
  return delays[Math.min(Math.max(attempt, 1), delays.length) - 1] ?? 15000;
}

/** A save that has had no answer for this long is reported (the request stays open). */
export const STALLED_MS = 15000;

export interface NoticeWords {
  /** What happened, in a few words (the key phrase first) */
  title: string;
  /** What to do */
  advice: string;
}

const KEPT = '已输入的内容没有丢失：仍在编辑框中，并已记录在本机。';

export function saveNotice(code: AppErrorCode): NoticeWords {
  switch (code) {
    case 'db_busy':
      return {
        title: '数据文件正被其他程序占用，修改尚未保存',
        advice: `另一个整改方案工作台窗口或 rectify 命令正在写入数据。它结束后本页会自动保存，无需操作；也可点击“重试”。${KEPT}`,
      };
    case 'disk_full':
      return {
        title: '磁盘已满，修改尚未保存',
        advice: `请清理数据目录所在磁盘的空间（删除不需要的大文件、清空回收站），空间足够后本页会自动保存，也可点击“重试”。${KEPT}`,
      };
    case 'db_readonly':
      return {
        title: '数据文件只读，修改尚未保存',
        advice: `请检查数据目录及其中 workbook.sqlite 是否被设为只读、当前用户是否有写入权限、磁盘是否写保护。改好后点击“重试”；如仍不能保存，请关闭并重新打开本程序，再打开此方案，按提示恢复这些修改。${KEPT}`,
      };
    case 'db_corrupt':
      return {
        title: '数据文件损坏，修改尚未保存',
        advice: `请先点击“复制未保存的内容”另行留存，不要继续编辑；然后关闭程序，运行 rectify doctor 检查，并用数据目录下 backups 文件夹中的备份恢复。${KEPT}`,
      };
    case 'io':
      return {
        title: '无法连接服务，修改尚未保存',
        advice: `整改方案工作台的服务暂时无法连接（程序可能已退出、正在重启或没有响应）。恢复后本页会自动保存；即使关闭本页，下次打开此方案时也可以恢复这些修改。${KEPT}`,
      };
    default:
      return {
        title: '修改尚未保存',
        advice: `保存时出错，可点击“重试”。${KEPT}`,
      };
  }
}

/** The notice's words for a save that got no answer at all (the service is blocked or gone). */
export const STALLED_MESSAGE = '工作台服务没有响应，修改尚未保存。';

/** Why a refused edit was not stored, in the user's terms. */
export function refusalTitle(code: AppErrorCode): string {
  if (code === 'not_found') return '所在的内容已不存在（可能已在其他窗口中删除），以下修改未能保存';
  if (code === 'bad_input') return '以下修改不符合要求，未能保存';
  return '保存时发生意外错误，以下修改未能保存';
}

/** Said before leaving (another page in the app, reload, closing the window) with unsaved edits. */
export const LEAVE_WARNING =
  '本页有修改尚未保存。离开后，这些修改仍记录在本机，下次打开此方案时可以恢复；但在恢复之前，它们不在数据文件中，导出的文件也不包含它们。';
