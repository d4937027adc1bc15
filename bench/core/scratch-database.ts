import pg from 'pg';
import { withDatabase } from './postgres-server.js';

export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  /** Removes the database (and everything the benchmark loaded into it). */
  drop(): Promise<void>;
}

/** A fresh, empty database `bench_<timestamp>_<tag>` on the server, so runs never see each other's rows. */
export async function createScratchDatabase(serverUrl: string, tag: string): Promise<ScratchDatabase> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const name = `bench_${stamp}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function queryScalar(url: string, sql: string, params: readonly unknown[] = []): Promise<unknown> {
  const result = await withClient(url, (client) => client.query(sql, params as unknown[]));
  const first = result.rows[0] as Record<string, unknown> | undefined;
  return first ? Object.values(first)[0] : undefined;
}

export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
