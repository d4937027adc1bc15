import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { onAbort } from './core/exit-cleanup.js';

export interface MotoProcess {
  readonly url: string;
  stop(): Promise<void>;
}

/** True when `moto_server` is on PATH (the aws benchmark runs by default only then). */
export function motoServerOnPath(): boolean {
  const found = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() !== '';
}

/** A throwaway moto_server on 127.0.0.1 and a free port; killed by stop() or when the runner aborts. */
export async function startMotoProcess(): Promise<MotoProcess> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const forget = onAbort(() => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      forget();
      throw new Error(`moto_server did not start on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        forget();
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
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
