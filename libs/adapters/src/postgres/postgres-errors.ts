import { PortError, UnavailableError } from '@pipeline/domain/errors.js';

/** SQLSTATE of an error thrown by pg or wrapped by TypeORM's QueryFailedError (which copies `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';

const transientSqlStates = /^(08|53|57P|40001|40P01|55P03|58)/;
const transientSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const transientMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|ECONNRESET/i;

/** A lost or refused connection, a server shutting down, a serialization failure: retrying may help. */
export function isTransient(error: unknown): boolean {
  const state = sqlState(error);
  if (state) return transientSqlStates.test(state);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && transientSocketCodes.has(code)) return true;
  return error instanceof Error && transientMessages.test(error.message);
}

/**
 * Turns a driver error into a port error: transient failures become UnavailableError, bad data
 * (SQLSTATE class 22/23) becomes INVALID_INPUT. Port errors pass through; anything else is a bug
 * (wrong SQL, missing migration) and is rethrown unchanged so its stack stays useful.
 */
export function toPortError(error: unknown, doing: string): unknown {
  if (error instanceof PortError) return error;
  if (isTransient(error)) return new UnavailableError(`PostgreSQL unavailable while ${doing}: ${messageOf(error)}`, { cause: error });
  const state = sqlState(error);
  if (state?.startsWith('22') || state?.startsWith('23'))
    return new PortError('INVALID_INPUT', `${doing}: ${messageOf(error)}`, { cause: error });
  return error;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
