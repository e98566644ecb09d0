// Errors that reach a user carry a Chinese message; `code` lets callers (CLI exit codes, UI) react.
export type AppErrorCode =
  | 'bad_input' // the caller's data is wrong: CLI exit 2
  | 'not_found'
  | 'conflict' // someone else changed the same plan
  | 'unsupported_file' // PDF, image, encrypted …
  | 'corrupt_file'
  | 'newer_database'
  | 'io' // disk full, unreadable file …
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
}

/** Error codes that are the user's to fix (CLI exit 2), as opposed to our bugs (exit 1). */
export function isUserError(code: AppErrorCode): boolean {
  return code !== 'internal';
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
