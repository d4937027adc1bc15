import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { loadPipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { CliModule } from './cli.module.js';
import { cliContextOf } from './cli-context.js';
import { info } from './cli-output.js';
import { ingestCommand, UsageError } from './commands/ingest.command.js';
import { statusCommand } from './commands/status.command.js';
import { replayCommand } from './commands/replay.command.js';
import { datasetsCommand } from './commands/datasets.command.js';
import { keysCommand } from './commands/keys.command.js';
import { reportCommand } from './commands/report.command.js';
import { reportsCommand } from './commands/reports.command.js';
import { subscriptionsCommand } from './commands/subscriptions.command.js';
import { awsCommand } from './commands/aws.command.js';

const HELP = `pipeline — the data pipeline from a terminal

Usage:
  pipeline ingest FILE… [--dataset NAME] [--quiet] [--json]
                                   copy FILE into the raw area, process it, print the outcome
                                   (exit 0 completed, 1 rejected/failed); progress on stderr
  pipeline status [--dataset NAME] [--state STATE] [--limit N] [--json]
                                   ingestions with state, counts and durations
  pipeline status ID [--json]      one ingestion with its event history
  pipeline replay ID               re-run one ingestion (failed, dead-lettered or rejected)
  pipeline replay --dead-letters [--limit N]
                                   move dead letters back to the queue and re-run them
  pipeline datasets [NAME] [--json] data contracts (all, or one)
  pipeline datasets define FILE    record a contract from a .json/.yaml file
  pipeline report [--date YYYY-MM-DD] [--no-deliver] [--json]
                                   generate (or regenerate) a day's report, the previous UTC day by
                                   default, and send it to the subscribers
  pipeline reports [DATE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]
                                   generated reports (all in a range, or one day with its links)
  pipeline subscriptions [list [--all]] | add EMAIL|WEBHOOK ENDPOINT | remove ID | secret
                                   who receives the daily report; \`secret\` prints the webhook signing key
  pipeline keys create --role reader|ingester|admin --name NAME
                                   make an API key; prints only the key (shown this once)
  pipeline keys [list] [--json] | keys revoke ID
                                   API keys (never their secrets) / stop one from working
  pipeline aws provision [--prefix NAME] [--notifications auto|eventbridge|direct]
                                   create the aws-mode resources at AWS_ENDPOINT_URL (moto, LocalStack)
                                   or in AWS; prints \`export\` lines: eval "$(npx pipeline aws provision)"
  pipeline aws poll [--until-idle] run the processor Lambda handler on the processing queue, as
                                   Lambda's SQS event source mapping does
  pipeline help

Configuration comes from the environment (DATA_DIR, DATABASE_URL, …): see README.md.
When \`npm start\` is running, the CLI uses its embedded database; otherwise it opens it itself.`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      state: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      'dead-letters': { type: 'boolean', default: false },
      date: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'no-deliver': { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      role: { type: 'string' },
      name: { type: 'string' },
      prefix: { type: 'string' },
      notifications: { type: 'string' },
      'until-idle': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...args] = positionals;
  if (!command || command === 'help' || values.help) {
    info(HELP);
    return command || values.help ? 0 : 2;
  }
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be an integer from 1 to 1000');
  // aws provision/poll build no pipeline application of their own: see aws.command.ts.
  if (command === 'aws') return awsCommand(args, values);
  const run = await commandFor(command);
  const config = loadPipelineConfig();
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await run(cliContextOf(app), args, { ...values, limit });
  } finally {
    await app.close();
  }
}

type Run = (
  ctx: ReturnType<typeof cliContextOf>,
  args: string[],
  v: { dataset?: string; state?: string; limit: number; json: boolean; quiet: boolean; 'dead-letters': boolean } & ReportOptions &
    KeyOptions,
) => Promise<number>;

/** Options of `keys create` (issue 3). */
type KeyOptions = { role?: string; name?: string };

/** Options of the report and subscription commands (issue 5). */
type ReportOptions = { date?: string; from?: string; to?: string; 'no-deliver'?: boolean; all?: boolean };

async function commandFor(command: string): Promise<Run> {
  switch (command) {
    case 'ingest':
      return (ctx, args, v) => ingestCommand(ctx, args, { dataset: v.dataset, quiet: v.quiet, json: v.json });
    case 'status':
      return (ctx, args, v) => statusCommand(ctx, args[0], { dataset: v.dataset, state: v.state, limit: v.limit, json: v.json });
    case 'replay':
      return (ctx, args, v) => {
        if (!args[0] && !v['dead-letters']) throw new UsageError('replay needs an ingestion ID or --dead-letters');
        return replayCommand(ctx, args[0], { limit: v.limit });
      };
    case 'datasets':
      return (ctx, args, v) => datasetsCommand(ctx, args, { json: v.json });
    case 'report':
      return (ctx, args, v) => {
        if (args.length > 0) throw new UsageError('report takes no arguments; use --date YYYY-MM-DD');
        return reportCommand(ctx, { date: v.date, deliver: !v['no-deliver'], json: v.json });
      };
    case 'reports':
      return (ctx, args, v) => reportsCommand(ctx, args[0], { from: v.from, to: v.to, limit: v.limit, json: v.json });
    case 'subscriptions':
      return (ctx, args, v) => subscriptionsCommand(ctx, args, { all: Boolean(v.all), json: v.json });
    case 'keys':
      return (ctx, args, v) => keysCommand(ctx, args, { role: v.role, name: v.name, json: v.json });
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}; see \`pipeline help\``);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const e = error as { code?: string; message?: string };
    info(`pipeline: ${e?.message ?? String(error)}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
    process.exit(e?.code === 'USAGE' || (error as Error)?.name === 'TypeError' ? 2 : 1);
  },
);
