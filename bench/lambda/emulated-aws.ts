import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { provisionAws } from '@pipeline/adapters/aws/provisioning/aws-provisioner.js';

export interface EmulatedAws {
  /** The handlers' environment for the provisioned resources, endpoint and credentials included. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export class EmulatorUnavailableError extends Error {
  readonly code = 'EMULATOR_UNAVAILABLE';
}

/**
 * moto (MOTO_URL, or `moto_server` on 127.0.0.1 and a free port) with the data path provisioned as
 * `pipeline aws provision` makes it, so the handlers' first events reach real endpoints.
 */
export async function startEmulatedAws(databaseUrl: string): Promise<EmulatedAws> {
  let child: ChildProcess | undefined;
  let url = process.env.MOTO_URL?.replace(/\/+$/, '');
  if (!url) {
    if (spawnSync('sh', ['-c', 'command -v moto_server']).status !== 0)
      throw new EmulatorUnavailableError('moto_server is not on PATH (pip install "moto[server]")');
    const port = await freePort();
    child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    url = `http://127.0.0.1:${port}`;
    await untilServing(url);
  }
  const credentials = { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: url };
  const db = new URL(databaseUrl);
  db.password ||= 'trusted-anyway'; // the secret needs one; a trust-auth server ignores it
  const provisioned = await provisionAws({
    settings: { region: 'us-east-1', endpointUrl: url },
    prefix: `bench-${Date.now().toString(36)}`,
    notifications: 'auto',
    databaseUrl: db.href,
    visibilityTimeoutSeconds: 1800,
    maxReceiveCount: 3,
    log: () => undefined,
  });
  return {
    env: { ...credentials, ...provisioned, ENVIRONMENT: 'bench', LOG_LEVEL: 'warn' },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function untilServing(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${url}/moto-api/`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmulatorUnavailableError(`moto_server did not answer on ${url} within 30 s`);
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
