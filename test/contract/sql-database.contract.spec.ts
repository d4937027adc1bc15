import type { QueryConfig } from 'pg';
import { createServer } from 'node:net';
import { SqlDatabase } from '@pipeline/adapters/postgres/sql-database.js';
import { describeWithRealPostgres } from '@pipeline/testing/postgres/describe-with-real-postgres.js';
import { useEmbeddedPostgres } from '@pipeline/testing/postgres/embedded-test-postgres.js';
import type { PostgresTestHandle } from '@pipeline/testing/postgres/postgres-test-handle.js';

function describeSqlDatabase(title: string, pg: PostgresTestHandle): void {
  // Nested, so these hooks run inside the server's: the pool closes before the server stops.
  describe(title, () => {
    let db: SqlDatabase;
    // One connection: a transaction or client that was not released would make the next call wait forever.
    beforeAll(async () => {
      db = await SqlDatabase.open(pg.url, { poolSize: 1, applicationName: 'sql-database-test', connectionTimeoutMs: 5_000 });
      await db.query('CREATE TABLE IF NOT EXISTS sql_db_test (id int PRIMARY KEY, label text NOT NULL)');
    });
    afterAll(async () => {
      await db.query('DROP TABLE IF EXISTS sql_db_test');
      await db.close();
    });
    beforeEach(async () => {
      await db.query('DELETE FROM sql_db_test');
    });

    it('returns the rows for every command, UPDATE and DELETE included (TypeORM returned [rows, count] for those)', async () => {
      expect(await db.query('INSERT INTO sql_db_test VALUES (1, $1), (2, $2)', ['a', 'b'])).toEqual([]);
      expect(await db.query('UPDATE sql_db_test SET label = label || $1', ['!'])).toEqual([]);
      expect(await db.query<{ id: number }>('UPDATE sql_db_test SET label = $1 WHERE id = 1 RETURNING id', ['x'])).toEqual([{ id: 1 }]);
      expect(await db.query<{ label: string }>('DELETE FROM sql_db_test WHERE id = 2 RETURNING label')).toEqual([{ label: 'b!' }]);
      expect(await db.query('DELETE FROM sql_db_test')).toEqual([]);
    });

    it('commits a transaction and returns what the work returned', async () => {
      const result = await db.transaction(async (tx) => {
        await tx.query('INSERT INTO sql_db_test VALUES (1, $1)', ['kept']);
        return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM sql_db_test'))[0].n;
      });
      expect(result).toBe(1);
      expect(await db.query('SELECT label FROM sql_db_test')).toEqual([{ label: 'kept' }]);
    });

    it('rolls back when the work throws, rethrows the same error and frees the connection', async () => {
      const thrown = new Error('changed my mind');
      const outcome = await db
        .transaction(async (tx) => {
          await tx.query('INSERT INTO sql_db_test VALUES (1, $1)', ['gone']);
          throw thrown;
        })
        .catch((e: unknown) => e);
      expect(outcome).toBe(thrown);
      expect(await db.query('SELECT * FROM sql_db_test')).toEqual([]);
    });

    it('lets pg errors through unchanged, SQLSTATE and all, and rolls back what came before', async () => {
      const outcome = await db
        .transaction(async (tx) => {
          await tx.query('INSERT INTO sql_db_test VALUES (1, $1)', ['first']);
          await tx.query('INSERT INTO sql_db_test VALUES (1, $1)', ['duplicate']);
        })
        .catch((e: unknown) => e);
      expect(outcome).toMatchObject({ name: 'error', code: '23505' });
      expect(await db.query('SELECT * FROM sql_db_test')).toEqual([]);
    });

    it('hands out a dedicated client and takes it back', async () => {
      const client = await db.connect();
      try {
        expect((await client.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        client.release();
      }
    });

    it('runs a pg QueryConfig: rows as arrays with per-query type parsers, driver errors unchanged', async () => {
      const asText = { getTypeParser: () => (text: string) => `<${text}>` } as unknown as QueryConfig['types'];
      expect(await db.queryConfig({ text: 'SELECT 2 AS two, $1::text AS t', values: ['x'], rowMode: 'array', types: asText })).toEqual([
        ['<2>', '<x>'],
      ]);
      const failed = await db.queryConfig({ text: 'SELECT * FROM no_such_table' }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: '42P01' });
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]); // the pool is still usable
    });

    it('closes once; a second close does nothing', async () => {
      const own = await SqlDatabase.open(pg.url, { poolSize: 1 });
      expect(own.isOpen).toBe(true);
      await own.close();
      await own.close();
      expect(own.isOpen).toBe(false);
      await expect(own.query('SELECT 1')).rejects.toThrow();
    });
  });
}

describe('SqlDatabase on embedded PGlite', () => {
  describeSqlDatabase('SqlDatabase (PGlite)', useEmbeddedPostgres());
});

describeWithRealPostgres('SqlDatabase on PostgreSQL', (pg) => {
  describeSqlDatabase('SqlDatabase (PostgreSQL)', pg);
});

describe('SqlDatabase.open', () => {
  it('fails at once with the driver error when nothing listens', async () => {
    const port = await freePort();
    const started = Date.now();
    const outcome = await SqlDatabase.open(`postgres://nobody@127.0.0.1:${port}/none`, { connectionTimeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(outcome).toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
