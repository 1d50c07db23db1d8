import "server-only";

export type ErrorCode = "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "locked" | "unavailable";

const httpStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  locked: 423,
  unavailable: 503,
};

/** The one error type operations throw; wrappers map it to an HTTP status or a form message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** A message key the UI words in the reader's language (the message stays for logs and API callers). */
    readonly key?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return httpStatus[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
