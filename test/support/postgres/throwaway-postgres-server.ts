import { execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isReachable } from '@pipeline/adapters/pglite/process-probes.js';

const run = promisify(execFile);

/** Where the PostgreSQL 15 binaries live; POSTGRES_BIN_DIR overrides. */
export const postgresBinDir = (): string => process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

/** Why a throwaway server cannot start here, or undefined when it can. */
export function throwawayServerUnavailableReason(): string | undefined {
  const bin = postgresBinDir();
  if (!existsSync(join(bin, 'initdb')) || !existsSync(join(bin, 'pg_ctl'))) return `no PostgreSQL binaries in ${bin}`;
  if (isRoot() && postgresUid() === undefined) return 'running as root and there is no `postgres` OS user to run initdb/postgres as';
  return undefined;
}

/**
 * One throwaway PostgreSQL server per jest worker process, shared by every test file the worker runs:
 * initdb into a temp dir, 127.0.0.1 on a free port, trust auth, fsync off. Jest gives each test file
 * its own `process` copy whose exit hooks never fire, so a detached watchdog stops the server and
 * deletes its files once the worker process is gone (however it ends).
 */
export async function throwawayPostgresUrl(): Promise<string> {
  const statePath = join(tmpdir(), `pipeline-test-postgres-${process.pid}.json`);
  if (existsSync(statePath)) {
    const { url } = JSON.parse(readFileSync(statePath, 'utf8')) as { url: string };
    if (await isReachable(url)) return url;
  }
  const url = await startServer(statePath);
  writeFileSync(statePath, JSON.stringify({ url }));
  return url;
}

async function startServer(statePath: string): Promise<string> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'pipeline-test-postgres-'));
  const uid = postgresUid();
  if (isRoot() && uid !== undefined) chownSync(dir, uid, postgresGid()!);
  const data = join(dir, 'data');
  await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings = [
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}`,
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
  ].join(' ');
  await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']);
  watchOverWorker(bin, dir, data, statePath);
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

function watchOverWorker(bin: string, dir: string, data: string, statePath: string): void {
  const asPg = isRoot() ? 'runuser -u postgres -- ' : '';
  const script = [
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
    `${asPg}'${join(bin, 'pg_ctl')}' -D '${data}' stop -m immediate >/dev/null 2>&1`,
    `rm -rf '${dir}' '${statePath}'`,
  ].join('; ');
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

async function asPostgres(command: string, args: string[]): Promise<void> {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  await run(file, argv, { cwd: tmpdir() });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

function idOf(flag: '-u' | '-g'): number | undefined {
  try {
    return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}
const postgresUid = () => idOf('-u');
const postgresGid = () => idOf('-g');
