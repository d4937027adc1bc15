/**
 * Port-level errors. Adapters translate driver errors (PostgreSQL 23505, DynamoDB
 * ConditionalCheckFailed, ENOENT, NoSuchKey …) into these; nothing above an adapter
 * sees a driver error.
 */
export type PortErrorCode =
  'CONCURRENCY_CONFLICT' | 'NOT_FOUND' | 'INVALID_KEY' | 'UNAVAILABLE' | 'DECODE_FAILED' | 'INVALID_CONTRACT' | 'INVALID_INPUT' | 'LOCKED';

export class PortError extends Error {
  constructor(
    readonly code: PortErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConcurrencyConflictError extends PortError {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    options?: { cause?: unknown },
  ) {
    super('CONCURRENCY_CONFLICT', `stream ${streamId} is no longer at version ${expectedVersion}`, options);
  }
}

export class NotFoundError extends PortError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('NOT_FOUND', message, options);
  }
}

export class InvalidKeyError extends PortError {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super('INVALID_KEY', `invalid object key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** A dependency that is down or timing out: the operation may succeed when retried. */
export class UnavailableError extends PortError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNAVAILABLE', message, options);
  }
}

/**
 * Input that can never be processed. Names the file, the line and/or record number and what is wrong.
 * `code` values: EMPTY_FILE, HEADER_ONLY, UNBALANCED_QUOTE, INVALID_UTF8, BINARY_CONTENT, JSON_SYNTAX,
 * JSON_SHAPE, NESTING_TOO_DEEP, LINE_TOO_LONG, DUPLICATE_COLUMNS, UNKNOWN_FORMAT, GZIP_CORRUPT, …
 */
export class DecodeError extends PortError {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly record?: number,
    options?: { cause?: unknown },
  ) {
    super('DECODE_FAILED', describeLocation(file, line, record) + `: ${detail}`, options);
  }
}

export class InvalidContractError extends PortError {
  constructor(message: string) {
    super('INVALID_CONTRACT', message);
  }
}

export const isPortError = (e: unknown): e is PortError => e instanceof PortError;
export const isConcurrencyConflict = (e: unknown): e is ConcurrencyConflictError => e instanceof ConcurrencyConflictError;
export const isDecodeError = (e: unknown): e is DecodeError => e instanceof DecodeError;
export const isUnavailable = (e: unknown): e is UnavailableError => e instanceof UnavailableError;

export function describeLocation(file: string, line?: number, record?: number): string {
  const parts = [file];
  if (line !== undefined) parts.push(`line ${line}`);
  if (record !== undefined) parts.push(`record ${record}`);
  return parts.join(', ');
}
