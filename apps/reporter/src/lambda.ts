import 'reflect-metadata';
import type { Context } from 'aws-lambda';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ObjectStore } from '@pipeline/domain/ports/object-store.js';
import { ReportHistory } from '@pipeline/domain/ports/report-history.js';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { DatabaseHandle } from '@pipeline/adapters/database/database-handle.js';
import { lambdaLogger } from '@pipeline/adapters/aws/lambda-logger.js';
import { PowertoolsNestLogger } from '@pipeline/adapters/aws/powertools-nest-logger.js';
import {
  GenerateDailyReport,
  type GenerateDailyReportResult,
} from '@pipeline/application/reports/generate-daily-report/generate-daily-report.command.js';
import { ReporterModule } from './reporter.module.js';
import { scheduledReportDate } from './scheduled-report-date.js';

const config = loadPipelineConfig();
const logger = lambdaLogger('reporter', config);
let app: Promise<INestApplicationContext> | undefined;

/** One Nest application context per container; a failed start is retried by the next invocation. */
function containerApp(): Promise<INestApplicationContext> {
  app ??= NestFactory.createApplicationContext(ReporterModule.forRoot(config, 'lambda'), {
    logger: new PowertoolsNestLogger(logger),
    abortOnError: false,
  }).catch((error: unknown) => {
    app = undefined;
    throw error;
  });
  return app;
}

export interface ReporterResult {
  readonly date: string;
  readonly version: number;
  readonly artefactKeys: readonly string[];
  readonly delivered: number;
  readonly failed: number;
}

/**
 * The reporter Lambda. EventBridge Scheduler invokes it daily at DAILY_REPORT_TIME_UTC: it
 * generates the previous UTC day's report (GenerateDailyReport: SQL aggregation, HTML + JSON in the
 * reports bucket, report history, delivery to the SNS topic's subscribers). `{"date": "YYYY-MM-DD"}`
 * regenerates a given day; `{"test": true}` checks its dependencies without side effects.
 */
export async function handler(event: unknown, context: Context): Promise<ReporterResult | ConnectivityResult> {
  logger.addContext(context);
  if (isTest(event)) return connectivity();
  const bus = (await containerApp()).get(CommandBus);
  const result: GenerateDailyReportResult = await bus.execute(new GenerateDailyReport(scheduledReportDate(event), 'scheduler', true));
  const summary = {
    date: result.date,
    version: result.version,
    artefactKeys: result.artefactKeys,
    delivered: result.delivery?.delivered.length ?? 0,
    failed: result.delivery?.failed.length ?? 0,
  };
  logger.info('report generated', { ...summary });
  return summary;
}

type ConnectivityResult = { readonly ok: boolean; readonly checks: Record<string, { ok: boolean; error?: string }> };

const isTest = (event: unknown): boolean => typeof event === 'object' && event !== null && (event as { test?: unknown }).test === true;

/** Reads through the reporter's own ports: the reports bucket, the report history table, PostgreSQL. */
async function connectivity(): Promise<ConnectivityResult> {
  let ctx: INestApplicationContext;
  try {
    ctx = await containerApp();
  } catch (error) {
    return { ok: false, checks: { startup: { ok: false, error: (error as Error)?.message ?? String(error) } } };
  }
  const probe = async (run: () => Promise<unknown>) => {
    try {
      await run();
      return { ok: true };
    } catch (error) {
      return { ok: false, error: (error as Error)?.message ?? String(error) };
    }
  };
  const [s3, dynamodb, postgresql] = await Promise.all([
    probe(() => ctx.get(ObjectStore).head('reports/.connectivity-check')),
    probe(() => ctx.get(ReportHistory).get('1970-01-01')),
    probe(() => ctx.get(DatabaseHandle).database.query('SELECT 1')),
  ]);
  const checks = { s3, dynamodb, postgresql };
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}
