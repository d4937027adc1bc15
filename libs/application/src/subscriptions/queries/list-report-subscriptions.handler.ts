import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SubscriptionStore } from '@pipeline/domain/ports/subscription-store.js';
import type { SubscriptionView } from '@pipeline/domain/subscriptions/subscription-view.js';
import { ListReportSubscriptions } from './list-report-subscriptions.query.js';

@QueryHandler(ListReportSubscriptions)
export class ListReportSubscriptionsHandler implements IQueryHandler<ListReportSubscriptions, SubscriptionView[]> {
  constructor(private readonly store: SubscriptionStore) {}

  execute(query: ListReportSubscriptions): Promise<SubscriptionView[]> {
    return this.store.list({ includeCancelled: query.includeCancelled });
  }
}
