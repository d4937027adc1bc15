import { UnavailableError } from '@pipeline/domain/errors.js';

export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;
}

/**
 * File-system failures (EACCES, ENOSPC, EIO, EMFILE …) become UnavailableError; anything else,
 * such as the error of a caller's own input stream or a port error, passes through unchanged.
 */
export function translateFsError(error: unknown, what: string): unknown {
  const systemError = error as NodeJS.ErrnoException;
  // Duck-typed rather than instanceof Error: Node's own errors may come from another realm (jest's vm contexts).
  if (typeof error === 'object' && error !== null && typeof systemError.errno === 'number' && typeof systemError.syscall === 'string') {
    return new UnavailableError(`${what}: ${systemError.code ?? systemError.message}`, { cause: error });
  }
  return error;
}
