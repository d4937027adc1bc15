import 'reflect-metadata';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { DatabaseHandle } from '@pipeline/adapters/database/database-handle.js';
import { IngestionWorker } from '@pipeline/application/work/ingestion-worker.js';
import { ContractFileLoader } from '@pipeline/application/dataset/contract-files/contract-file-loader.js';
import { ProcessorModule } from './processor.module.js';
import { InboxWatcher } from './inbox/inbox-watcher.js';

/** `npm start`: the whole pipeline in one process with embedded defaults. */
async function main(): Promise<void> {
  const config = loadPipelineConfig();
  const app = await NestFactory.createApplicationContext(ProcessorModule.forRoot(config), { logger: ['log', 'error', 'warn'] });
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
  const db = app.get(DatabaseHandle);
  const banner = [
    '',
    'data-pipeline is running (local mode)',
    `  data directory   ${config.dataDir}`,
    `  database         ${db.description}`,
    `  contracts        ${config.datasetsDir} (${contracts.length} loaded)`,
    `  objects          ${join(config.dataDir, 'objects')}/{raw,processed,quarantine}/`,
    `  inbox            ${inbox}/<dataset>/   (drop files here)`,
    '',
    'Ingest from another terminal:',
    '  npx pipeline ingest samples/orders.csv --dataset orders',
    '  npx pipeline status',
    '',
  ];
  process.stderr.write(banner.join('\n') + '\n');
  const shutdown = async (signal: string) => {
    logger.log(`${signal}: stopping (finishing the current ingestion)…`);
    app.get(InboxWatcher).stop();
    await worker.stop();
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
