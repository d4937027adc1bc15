import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { DatabaseHandle } from '@pipeline/adapters/database/database-handle.js';
import { IngestionWorker } from '@pipeline/application/work/ingestion-worker.js';
import { ContractFileLoader } from '@pipeline/application/dataset/contract-files/contract-file-loader.js';
import { ProcessorModule } from './processor.module.js';
import { InboxWatcher } from './inbox/inbox-watcher.js';
import { PipelineWithApiModule } from '../../api/src/api-app.module.js';
import { apiBannerLine, createApiApp, ensureFirstAdminKey, firstKeyLines, listenApi } from '../../api/src/create-api-app.js';
import { localReportScheduler } from '../../reporter/src/local-report-scheduler.js';

/** `npm start`: the whole pipeline in one process with embedded defaults. */
async function main(): Promise<void> {
  const config = loadPipelineConfig();
  // One process, one module graph: the worker's, with the API served beside it (issue 3).
  const app = await createApiApp(PipelineWithApiModule.around(ProcessorModule.forRoot(config), config), config);
  const logger = new Logger('Pipeline');
  const contracts = await app.get(ContractFileLoader).loadFolder(config.datasetsDir);
  const worker = app.get(IngestionWorker);
  worker.start({
    visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
    maxReceiveCount: config.maxReceiveCount,
    concurrency: config.workerConcurrency,
    idleWaitMs: 500,
  });
  const inbox = join(config.dataDir, 'inbox');
  await app.get(InboxWatcher).start(inbox, config.inboxPollMs);
  const reports = localReportScheduler(app, config.dailyReportTimeUtc);
  const nextReport = await reports.start();
  const adminKey = config.mode === 'local' ? await ensureFirstAdminKey(app) : null;
  const apiUrl = await listenApi(app, config);
  const db = app.get(DatabaseHandle);
  const banner = [
    '',
    'data-pipeline is running (local mode)',
    `  data directory   ${config.dataDir}`,
    `  database         ${db.description}`,
    `  contracts        ${config.datasetsDir} (${contracts.length} loaded)`,
    `  objects          ${join(config.dataDir, 'objects')}/{raw,processed,quarantine}/`,
    `  inbox            ${inbox}/<dataset>/   (drop files here)`,
    apiBannerLine(apiUrl),
    `  daily report     ${config.dailyReportTimeUtc} UTC, next ${nextReport.toISOString()} → ${join(config.dataDir, 'objects')}/reports/`,
    '',
    'Ingest from another terminal:',
    '  npx pipeline ingest samples/orders.csv --dataset orders',
    '  npx pipeline status',
    '',
    ...firstKeyLines(apiUrl, adminKey),
  ];
  process.stderr.write(banner.join('\n') + '\n');
  const shutdown = async (signal: string) => {
    logger.log(`${signal}: stopping (finishing the current ingestion)…`);
    app.get(InboxWatcher).stop();
    await worker.stop();
    await reports.stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`pipeline failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
