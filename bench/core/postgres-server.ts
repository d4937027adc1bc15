import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** No DATABASE_URL and no server binaries to start one: the runner exits 2 with this message. */
export class PostgresUnavailableError extends Error {
  readonly code = 'POSTGRES_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'PostgresUnavailableError';
  }
}

export interface PostgresServer {
  readonly url: string;
  /** Where it came from, for the report (passwords masked). */
  readonly description: string;
  /** Stops a server this process started; a no-op for DATABASE_URL. Synchronous so it can run from a signal handler. */
  stop(): void;
}

/** DATABASE_URL when set; otherwise a throwaway server from scripts/test-postgres.sh, bound to 127.0.0.1. */
export function acquirePostgres(root: string, env: NodeJS.ProcessEnv = process.env): PostgresServer {
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, description: `DATABASE_URL (${maskPassword(env.DATABASE_URL)})`, stop: () => undefined };
  }
  const bin = env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
  if (!existsSync(join(bin, 'initdb'))) {
    throw new PostgresUnavailableError(
      `no DATABASE_URL and no PostgreSQL server binaries in ${bin}: set DATABASE_URL to a server the benchmark may create databases on, ` +
        'or install PostgreSQL (PG_BIN points at its bin folder)',
    );
  }
  const script = join(root, 'scripts/test-postgres.sh');
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-bench-pg-'));
  // initdb runs as the postgres user when we are root: it must be able to enter the folder.
  chmodSync(dir, 0o755);
  const pgDir = join(dir, 'pg');
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    execFileSync(script, ['stop', pgDir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = execFileSync(script, ['start', pgDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    return { url, description: `throwaway server started by scripts/test-postgres.sh (${url})`, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

export function maskPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
