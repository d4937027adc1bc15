import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { PipelineConfig } from '@pipeline/adapters/config/pipeline-config.js';
import { webhookSigningKey } from '@pipeline/adapters/local-notifier/local-report-providers.js';
import {
  SubscribeToReports,
  type SubscribeToReportsResult,
} from '@pipeline/application/subscriptions/subscribe-to-reports/subscribe-to-reports.command.js';
import { Unsubscribe, type UnsubscribeResult } from '@pipeline/application/subscriptions/unsubscribe/unsubscribe.command.js';
import { ListReportSubscriptions } from '@pipeline/application/subscriptions/queries/list-report-subscriptions.query.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';
import { info, out, table } from '../cli-output.js';
import type { CliContext } from '../cli-context.js';
import { UsageError } from './ingest.command.js';

const USAGE = 'usage: pipeline subscriptions [list [--all]] | add EMAIL|WEBHOOK ENDPOINT | remove ID | secret';

/** `pipeline subscriptions …`: who receives the daily report. */
export async function subscriptionsCommand(ctx: CliContext, args: string[], options: { all: boolean; json: boolean }): Promise<number> {
  const [action = 'list', ...rest] = args;
  switch (action) {
    case 'list':
      return list(ctx, options);
    case 'add': {
      const [protocol, endpoint] = rest;
      if (!protocol || !endpoint || rest.length > 2) throw new UsageError(USAGE);
      return add(ctx, protocol.toUpperCase(), endpoint, options.json);
    }
    case 'remove': {
      if (rest.length !== 1) throw new UsageError(USAGE);
      const result: UnsubscribeResult = await ctx.get(CommandBus).execute(new Unsubscribe(rest[0], 'cli'));
      if (result.outcome === 'not-found') return (info(`no subscription ${rest[0]}`), 1);
      out(`${result.outcome}: ${rest[0]}`);
      return 0;
    }
    case 'secret': {
      const config = ctx.get(PipelineConfig);
      out(config.reports.webhookSigningSecret ?? (await webhookSigningKey(config.dataDir)));
      info('webhooks carry x-pipeline-signature: sha256=HMAC-SHA256(secret, "<x-pipeline-timestamp>.<body>") in hex');
      return 0;
    }
    default:
      throw new UsageError(USAGE);
  }
}

async function add(ctx: CliContext, protocol: string, endpoint: string, json: boolean): Promise<number> {
  if (protocol !== 'EMAIL' && protocol !== 'WEBHOOK')
    throw new UsageError(`protocol must be EMAIL or WEBHOOK, not ${JSON.stringify(protocol)}`);
  const result: SubscribeToReportsResult = await ctx.get(CommandBus).execute(new SubscribeToReports(protocol, endpoint, 'cli'));
  if (json) out(JSON.stringify(result, null, 2));
  else
    out(
      `${result.created ? 'subscribed' : 'already subscribed'}: ${result.subscription.subscriptionId} ${result.subscription.protocol} ${result.subscription.endpoint} (${result.subscription.status})`,
    );
  return 0;
}

async function list(ctx: CliContext, options: { all: boolean; json: boolean }): Promise<number> {
  const items: SubscriptionView[] = await ctx.get(QueryBus).execute(new ListReportSubscriptions(options.all));
  if (options.json) out(JSON.stringify(items, null, 2));
  else if (items.length === 0) info('no report subscriptions; add one with `npx pipeline subscriptions add EMAIL you@example.com`');
  else
    out(
      table([
        ['ID', 'PROTOCOL', 'STATUS', 'ENDPOINT', 'SINCE'],
        ...items.map((s) => [s.subscriptionId, s.protocol, s.status, s.endpoint, s.requestedAt]),
      ]),
    );
  return 0;
}
