// Errors that reach a user carry a Chinese message; `code` lets callers (CLI exit codes, UI) react.
export type AppErrorCode =
  | 'bad_input' // the caller's data is wrong: CLI exit 2
  | 'not_found'
  | 'conflict' // someone else changed the same plan
  | 'unsupported_file' // PDF, image, encrypted …
  | 'corrupt_file'
  | 'too_large' // a file beyond the readers' limits (size, entries, nesting …)
  | 'newer_database'
  | 'io' // disk full, unreadable file, the service unreachable …
  // The workbook's database, as SQLite reports it (electron/services/store maps SQLite's codes):
  | 'db_busy' // another program holds the write lock (SQLITE_BUSY / SQLITE_LOCKED)
  | 'disk_full' // SQLITE_FULL, ENOSPC
  | 'db_readonly' // SQLITE_READONLY / SQLITE_CANTOPEN / SQLITE_PERM: a read-only file or folder
  | 'db_corrupt' // SQLITE_CORRUPT / SQLITE_NOTADB, or a failed quick_check
  | 'internal';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  /** Whether the same call may succeed later without the caller changing anything. */
  get retryable(): boolean {
    return isRetryable(this.code);
  }
}

/** Error codes that are the user's to fix (CLI exit 2), as opposed to our bugs (exit 1). */
export function isUserError(code: AppErrorCode): boolean {
  return code !== 'internal';
}

/**
 * Failures of the storage or the transport, not of the request: the same write can succeed once the
 * lock is released, space is freed, the file is writable again or the service is back. A save that
 * fails with one of these must be kept and retried, never dropped.
 */
export function isRetryable(code: AppErrorCode): boolean {
  return code === 'io' || code === 'db_busy' || code === 'disk_full' || code === 'db_readonly';
}

export interface WireError {
  code: AppErrorCode;
  message: string;
  details?: unknown;
}

export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
  return { code: 'internal', message: '发生意外错误：' + (err instanceof Error ? err.message : String(err)) };
}

export function fromWireError(wire: WireError): AppError {
  return new AppError(wire.code, wire.message, wire.details);
}
