import { throwawayPostgresUrl, throwawayServerUnavailableReason } from './throwaway-postgres-server.js';

export type RealPostgresAvailability =
  { readonly available: true; readonly source: string } | { readonly available: false; readonly reason: string };

/** Decided without starting anything, so a describe block can choose to run or skip. */
export function realPostgresAvailability(): RealPostgresAvailability {
  if (process.env.DATABASE_URL) return { available: true, source: 'DATABASE_URL' };
  const reason = throwawayServerUnavailableReason();
  return reason ? { available: false, reason: `DATABASE_URL is unset and ${reason}` } : { available: true, source: 'throwaway server' };
}

/**
 * A PostgreSQL server for tests: DATABASE_URL when set, else a throwaway server started once per
 * jest worker, else undefined. Tests create their own database on it (see createTestDatabase).
 */
export async function realPostgresUrl(): Promise<string | undefined> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  if (throwawayServerUnavailableReason()) return undefined;
  return throwawayPostgresUrl();
}
