import 'reflect-metadata';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { ApiAppModule } from './api-app.module.js';
import { apiBannerLine, createApiApp, ensureFirstAdminKey, firstKeyLines, listenApi } from './create-api-app.js';

/** The API on its own, without the worker (`npm start` runs both in one process). */
async function main(): Promise<void> {
  const config = loadPipelineConfig();
  const app = await createApiApp(ApiAppModule.forRoot(config, 'server'), config);
  app.enableShutdownHooks();
  const firstKey = config.mode === 'local' ? await ensureFirstAdminKey(app) : null;
  const url = await listenApi(app, config);
  process.stderr.write(['', 'data-pipeline API is running', apiBannerLine(url), '', ...firstKeyLines(url, firstKey)].join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
