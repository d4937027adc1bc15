import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadPipelineConfig, type PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import type { CreatedApiKey } from '@pipeline/application/api-keys/create-api-key/create-api-key.command.js';
import { CreateApiKey } from '@pipeline/application/api-keys/create-api-key/create-api-key.command.js';
import { IngestionWorker } from '@pipeline/application/work/ingestion-worker.js';
import { ApiAppModule } from '../../../apps/api/src/api-app.module.js';
import { createApiApp, listenApi } from '../../../apps/api/src/create-api-app.js';

export type TestRole = 'reader' | 'ingester' | 'admin';

/** A real API server on 127.0.0.1 (local mode, the given PostgreSQL), with one key per role. */
export interface StartedApi {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly config: PipelineConfig;
  readonly dataDir: string;
  readonly keys: Readonly<Record<TestRole, string>>;
  /** Runs the worker until the queue is empty (the tests' stand-in for `npm start`'s worker loop). */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function startApi(databaseUrl: string, env: Readonly<Record<string, string>> = {}): Promise<StartedApi> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-api-'));
  const config = loadPipelineConfig({
    DATA_DIR: dataDir,
    DATASETS_DIR: join(dataDir, 'no-contracts'),
    DATABASE_URL: databaseUrl,
    PORT: String(await freePort()),
    API_KEY_CACHE_SECONDS: '0',
    ...env,
  });
  const app = await createApiApp(ApiAppModule.forRoot(config, 'server'), config, ['error']);
  const url = await listenApi(app, config);
  const bus = app.get(CommandBus);
  const key = async (role: TestRole) => ((await bus.execute(new CreateApiKey(`e2e ${role}`, role))) as CreatedApiKey).key;
  const keys = { reader: await key('reader'), ingester: await key('ingester'), admin: await key('admin') };
  const worker = app.get(IngestionWorker);
  return {
    url,
    app,
    config,
    dataDir,
    keys,
    drain: () => worker.drain({ visibilityTimeoutSeconds: 60, maxReceiveCount: 3, concurrency: 1, idleWaitMs: 50 }),
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
