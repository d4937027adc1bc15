import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { ApiPrincipal } from '@pipeline/application/api-keys/authenticate-api-key/authenticate-api-key.query.js';
import {
  GenerateDailyReport,
  type GenerateDailyReportResult,
} from '@pipeline/application/reports/generate-daily-report/generate-daily-report.command.js';
import { GetReport, type ReportDetails } from '@pipeline/application/reports/queries/get-report.query.js';
import { ListReports, type ReportListItem } from '@pipeline/application/reports/queries/list-reports.query.js';
import { ListReportSubscriptions } from '@pipeline/application/subscriptions/queries/list-report-subscriptions.query.js';
import {
  SubscribeToReports,
  type SubscribeToReportsResult,
} from '@pipeline/application/subscriptions/subscribe-to-reports/subscribe-to-reports.command.js';
import { Unsubscribe, type UnsubscribeResult } from '@pipeline/application/subscriptions/unsubscribe/unsubscribe.command.js';
import { NotFoundError } from '@pipeline/domain/errors.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';
import { RequireRole } from '../auth/api-role.decorator.js';
import { CurrentPrincipal, requestedBy } from '../auth/current-principal.decorator.js';
import { ReportModel, ReportSubscriptionModel, SubscriptionProtocolEnum, UnsubscribeResultModel } from './report.model.js';

/** Daily reports and their subscriptions (issue 5): thin over the report use cases. */
@Resolver()
export class ReportsResolver {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Query(() => ReportModel, { nullable: true, description: 'One day’s report (the newest version): metrics and links.' })
  @RequireRole('reader')
  async report(@Args('date', { description: 'YYYY-MM-DD (UTC)' }) date: string): Promise<ReportModel | null> {
    const details: ReportDetails | null = await this.queryBus.execute(new GetReport(date));
    return details ? toReportModel(details) : null;
  }

  @Query(() => [ReportModel], { description: 'The newest version of each day’s report in [from, to], newest day first (at most 366).' })
  @RequireRole('reader')
  async reports(@Args('from') from: string, @Args('to') to: string): Promise<ReportModel[]> {
    const items: ReportListItem[] = await this.queryBus.execute(new ListReports(from, to, 366));
    return items.map(({ entry, links }) => toReportModel({ entry, links, versions: [entry.version], report: null }));
  }

  @Mutation(() => ReportModel, {
    description: 'Generates (or regenerates) a day’s report, the previous UTC day by default, and sends it to the subscribers.',
  })
  @RequireRole('admin')
  async generateReport(
    @Args('date', { type: () => String, nullable: true, description: 'YYYY-MM-DD (UTC); omitted: yesterday' }) date: string | null,
    @CurrentPrincipal() principal: ApiPrincipal | null,
  ): Promise<ReportModel> {
    const result: GenerateDailyReportResult = await this.commandBus.execute(
      new GenerateDailyReport(date ?? undefined, requestedBy(principal)),
    );
    const details: ReportDetails | null = await this.queryBus.execute(new GetReport(result.date, result.version));
    if (!details) throw new NotFoundError(`report ${result.date} v${result.version} was generated but cannot be read back`);
    return toReportModel(details);
  }

  @Query(() => [ReportSubscriptionModel], { description: 'Live report subscriptions, oldest first.' })
  @RequireRole('reader')
  async reportSubscriptions(): Promise<ReportSubscriptionModel[]> {
    const views: SubscriptionView[] = await this.queryBus.execute(new ListReportSubscriptions(false));
    return views.map(toSubscriptionModel);
  }

  @Mutation(() => ReportSubscriptionModel, {
    description: 'Subscribes an e-mail address or an https webhook to the daily report (idempotent per endpoint).',
  })
  @RequireRole('admin')
  async subscribeToReports(
    @Args('protocol', { type: () => SubscriptionProtocolEnum }) protocol: SubscriptionProtocolEnum,
    @Args('endpoint') endpoint: string,
    @CurrentPrincipal() principal: ApiPrincipal | null,
  ): Promise<ReportSubscriptionModel> {
    const result: SubscribeToReportsResult = await this.commandBus.execute(
      new SubscribeToReports(protocol, endpoint, requestedBy(principal)),
    );
    return toSubscriptionModel(result.subscription);
  }

  @Mutation(() => UnsubscribeResultModel, { description: 'Cancels a report subscription.' })
  @RequireRole('admin')
  async unsubscribe(
    @Args('id', { type: () => ID }) id: string,
    @CurrentPrincipal() principal: ApiPrincipal | null,
  ): Promise<UnsubscribeResultModel> {
    const result: UnsubscribeResult = await this.commandBus.execute(new Unsubscribe(id, requestedBy(principal)));
    return { outcome: result.outcome, subscription: result.subscription ? toSubscriptionModel(result.subscription) : null };
  }
}

function toReportModel(d: Pick<ReportDetails, 'entry' | 'links' | 'versions' | 'report'>): ReportModel {
  const e = d.entry;
  return {
    date: e.date,
    version: e.version,
    generatedAt: e.generatedAt,
    artefactKeys: [...e.artefactKeys],
    summary: e.summary,
    metrics: d.report,
    links: { ...d.links },
    versions: [...d.versions],
    deliveredTo: [...e.deliveredTo],
    failedDeliveries: e.failedDeliveries,
    deliveredAt: e.deliveredAt,
  };
}

function toSubscriptionModel(v: SubscriptionView): ReportSubscriptionModel {
  return {
    id: v.subscriptionId,
    protocol: v.protocol as SubscriptionProtocolEnum,
    endpoint: v.endpoint,
    status: v.status,
    requestedAt: v.requestedAt,
    confirmedAt: v.confirmedAt,
    cancelledAt: v.cancelledAt,
  };
}
