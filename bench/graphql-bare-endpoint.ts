import { createServer } from 'node:http';
import pg from 'pg';
import { BENCH_DATASET, FIRST_PAGE_SQL, PAGE_SIZE } from './graphql-records-sql.js';

/**
 * The baseline for the GraphQL benchmark: node:http + a pg Pool running the same SQL as the API and
 * writing the rows as JSON — no framework, no GraphQL, no auth. Run as its own process
 * (`node dist/bench/graphql-bare-endpoint.js`) with DATABASE_URL and PORT; prints "listening" when ready.
 */
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createServer((req, res) => {
  pool.query(FIRST_PAGE_SQL, [BENCH_DATASET, PAGE_SIZE + 1]).then(
    (result) => {
      const rows = result.rows.slice(0, PAGE_SIZE);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ rows, hasNextPage: result.rows.length > PAGE_SIZE }));
    },
    (error: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error.message);
    },
  );
  req.resume();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
process.once('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
